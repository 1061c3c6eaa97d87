from django.views.generic import DetailView, ListView

from memorial.core.views import PAGE_NUMBER, PublishedMixin

from .models import Source

# The published content that cites a source, listed with it.
CITED_BY = ("events", "figures", "photos", "articles", "commemorations")


class SourceListView(PublishedMixin, ListView):
    """The bibliography, grouped by kind, each source with what cites it."""

    model = Source
    paginate_by = 50
    page_parameters = {"page": PAGE_NUMBER}

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(*self.published_related(*CITED_BY))
            .order_by("kind", "title", "pk")
        )


class SourceDetailView(PublishedMixin, DetailView):
    model = Source
    slug_field = "key"
    slug_url_kwarg = "key"
    related = CITED_BY
