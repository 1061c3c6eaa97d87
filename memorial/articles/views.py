from django.views.generic import DetailView, ListView

from memorial.web.views import PAGE_NUMBER, KindFilterMixin, PublishedMixin

from . import jsonld
from .models import Article, ArticleKind


class ArticleListView(KindFilterMixin, PublishedMixin, ListView):
    model = Article
    paginate_by = 20
    page_parameters = {"page": PAGE_NUMBER}
    kind_choices = ArticleKind.choices

    def get_queryset(self):
        return super().get_queryset().listed()


class ArticleDetailView(PublishedMixin, DetailView):
    model = Article
    slug_field = "slug"
    slug_url_kwarg = "slug"

    related = ("events", "commemorations", "sources")

    def get_structured_data(self):
        return jsonld.article(self.request, self.object, self.related_lists["sources"])
