from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from memorial.core import jsonld
from memorial.core.views import KindFilterMixin, PublishedMixin

from .models import Article, ArticleKind


class ArticleListView(KindFilterMixin, PublishedMixin, ListView):
    model = Article
    paginate_by = 20
    kind_choices = ArticleKind.choices


class ArticleDetailView(PublishedMixin, DetailView):
    model = Article
    slug_field = "slug"
    slug_url_kwarg = "slug"

    def get_queryset(self):
        from memorial.commemorations.models import Commemoration
        from memorial.events.models import Event

        return (
            super()
            .get_queryset()
            .prefetch_related(
                "sources",
                Prefetch("events", queryset=self.published(Event.objects.all())),
                Prefetch("commemorations", queryset=self.published(Commemoration.objects.all())),
            )
        )

    def get_structured_data(self):
        return jsonld.article(self.request, self.object, self.object.sources.all())
