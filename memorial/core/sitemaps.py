from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class MemorialSitemap(Sitemap):
    """Every address once per language, each listing its alternates (xhtml:link)."""

    i18n = True
    alternates = True
    x_default = True


class StaticSitemap(MemorialSitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "core:home",
            "core:about",
            "events:list",
            "figures:list",
            "photos:list",
            "articles:list",
            "commemorations:list",
            "sources:list",
        ]

    def location(self, item):
        return reverse(item)


class PublishedSitemap(MemorialSitemap):
    """Every public object of one model, in every language."""

    model = None

    def items(self):
        return self.model._default_manager.published().order_by("pk")

    def lastmod(self, obj):
        return getattr(obj, "updated_at", None)


def sitemaps():
    from memorial.articles.models import Article
    from memorial.commemorations.models import Commemoration
    from memorial.events.models import Event
    from memorial.figures.models import Figure
    from memorial.photos.models import Photo
    from memorial.sources.models import Source

    result = {"pages": StaticSitemap}
    for name, model in [
        ("events", Event),
        ("figures", Figure),
        ("photos", Photo),
        ("articles", Article),
        ("commemorations", Commemoration),
        ("sources", Source),
    ]:
        result[name] = type(f"{model.__name__}Sitemap", (PublishedSitemap,), {"model": model})
    return result
