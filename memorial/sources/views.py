from django.db.models import prefetch_related_objects
from django.utils.functional import cached_property
from django.views.generic import DetailView, ListView

from memorial.web.views import PAGE_NUMBER, PageObjectsMixin, PublishedMixin

from .models import Source


class SourceListView(PageObjectsMixin, PublishedMixin, ListView):
    """The bibliography, grouped by kind, each source with what cites it."""

    model = Source
    paginate_by = 50
    page_parameters = {"page": PAGE_NUMBER}

    def get_queryset(self):
        return super().get_queryset().order_by("kind", "title", "pk")

    @cached_property
    def sources(self):
        """The page's sources with what cites each, read only when the template's
        fragment for the page is not in the cache."""
        sources = self.page_objects
        prefetch_related_objects(sources, *self.published_related(*Source.citing_relations()))
        return sources


class SourceDetailView(PublishedMixin, DetailView):
    model = Source
    slug_field = "key"
    slug_url_kwarg = "key"

    @property
    def related(self):
        return Source.citing_relations()

    @cached_property
    def cited_by(self):
        """What cites the source, read only when the page's fragment is not kept."""
        return [item for name in self.related for item in self.related_lists[name]]
