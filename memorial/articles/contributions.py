"""What the articles bring to search, the sitemap, open data, the menu and the home page."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from memorial.core import registry
from memorial.opendata import tables

from .models import STORY_SLUG, Article


def latest_articles(view):
    """The three latest articles."""
    return {"articles": view.published(Article.objects.listed())[:3]}


def story(view):
    """The story, "What happened", at the head of the home page."""
    found = view.published(Article.objects.filter(slug=STORY_SLUG)).first()
    return {"story": found} if found else None


CONTRIBUTIONS = [
    registry.Content("articles.Article", order=40, rich_text=("body",)),
    registry.Navigation(_("What happened"), "story:story", order=5),
    registry.Navigation(_("Articles"), "articles:list", order=40),
    registry.Sitemap("articles.Article", list_url="articles:list", order=40),
    registry.SearchGroup(
        "articles",
        _("Articles"),
        "articles.Article",
        "title",
        "summary",
        lambda year: Q(publication_date__year=year),
        order=30,
    ),
    tables.Table(
        "articles",
        lambda: Article.objects.published().prefetch_related("sources"),
        [
            tables.attr("slug"),
            tables.URL,
            *tables.translated("title"),
            tables.attr("kind"),
            tables.attr("author"),
            tables.attr("publisher"),
            *tables.partial_date(Article, "publication"),
            tables.attr("language"),
            *tables.translated("summary"),
            tables.attr("external_url"),
            tables.keys("sources"),
        ],
        order=50,
    ),
    registry.HomeSection("articles/_story_home.html", story, order=5, lead=True),
    registry.HomeSection("articles/_home.html", latest_articles, order=30),
]
