from django.views.generic import DetailView, ListView

from memorial.core.views import PublishedMixin

from .models import Article


class ArticleListView(PublishedMixin, ListView):
    model = Article
    paginate_by = 24


class ArticleDetailView(PublishedMixin, DetailView):
    model = Article
    slug_field = "slug"
    slug_url_kwarg = "slug"
