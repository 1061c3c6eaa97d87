from django.views.generic import DetailView, ListView

from memorial.core.views import PublishedMixin

from .models import Event


class EventListView(PublishedMixin, ListView):
    model = Event
    paginate_by = 24


class EventDetailView(PublishedMixin, DetailView):
    model = Event
    slug_field = "slug"
    slug_url_kwarg = "slug"
