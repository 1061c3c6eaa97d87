from django.utils.functional import cached_property
from django.views.generic import DetailView, ListView

from memorial.web.views import PAGE_NUMBER, KindFilterMixin, PublishedMixin

from . import jsonld
from .models import Event, EventKind


class EventListView(KindFilterMixin, PublishedMixin, ListView):
    """The timeline: every event in order, grouped by year on the page."""

    model = Event
    paginate_by = 50
    page_parameters = {"page": PAGE_NUMBER}
    kind_choices = EventKind.choices

    def get_queryset(self):
        return super().get_queryset().listed().in_timeline_order()


class EventDetailView(PublishedMixin, DetailView):
    model = Event
    slug_field = "slug"
    slug_url_kwarg = "slug"

    related = ("photos", "articles", "sources")

    @cached_property
    def neighbours(self):
        """The events before and after this one on the timeline, read only when the
        template's fragment that links them is not in the cache.

        They are only linked: their titles and addresses, not their texts.
        """
        events = self.published(Event.objects.only("slug", "title"))
        return dict(zip(("previous", "next"), events.neighbours(self.object), strict=True))

    def get_structured_data(self):
        return jsonld.event(self.request, self.object, self.related_lists["sources"])
