from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, ListView

from memorial.web.views import PAGE_NUMBER, KindFilterMixin, PublishedMixin

from . import jsonld
from .models import STORY_SLUG, Article, ArticleKind


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

    def get(self, request, *args, **kwargs):
        # The story has one address of its own: /what-happened/.
        if kwargs.get("slug") == STORY_SLUG:
            return redirect("story:story", permanent=True)
        return super().get(request, *args, **kwargs)


class StoryView(ArticleDetailView):
    """ "What happened": the memorial's story, an article curators edit like any other."""

    template_name = "articles/story.html"

    def get_object(self, queryset=None):
        return get_object_or_404(self.get_queryset(), slug=STORY_SLUG)
