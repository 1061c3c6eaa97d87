from django.views.generic import DetailView, ListView

from memorial.core.views import PublishedMixin

from .models import Source


class CitedByMixin:
    """Each source with the published content that cites it."""

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                *self.published_related(
                    "events",
                    "figures",
                    "photos",
                    "articles",
                    "commemorations",
                    select={"photos": ["source"]},
                )
            )
        )


class SourceListView(CitedByMixin, PublishedMixin, ListView):
    """The bibliography, grouped by kind."""

    model = Source
    paginate_by = 50

    def get_queryset(self):
        return super().get_queryset().order_by("kind", "title", "pk")


class SourceDetailView(CitedByMixin, PublishedMixin, DetailView):
    model = Source
    slug_field = "key"
    slug_url_kwarg = "key"
