from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from memorial.core.views import PublishedMixin

from .models import Source


class CitedByMixin:
    """Each source with the published content that cites it."""

    def get_queryset(self):
        from memorial.articles.models import Article
        from memorial.commemorations.models import Commemoration
        from memorial.events.models import Event
        from memorial.figures.models import Figure
        from memorial.photos.models import Photo

        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch("events", queryset=self.published(Event.objects.all())),
                Prefetch("figures", queryset=self.published(Figure.objects.all())),
                Prefetch("photos", queryset=self.published(Photo.objects.select_related("source"))),
                Prefetch("articles", queryset=self.published(Article.objects.all())),
                Prefetch("commemorations", queryset=self.published(Commemoration.objects.all())),
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
