from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.urls import reverse
from django.views.decorators.http import require_safe

from memorial.core import registry
from memorial.web.cache import page_parameters
from memorial.web.views import PAGE_NUMBER


class MemorialSitemap(Sitemap):
    """Every address once per language, each listing its alternates (xhtml:link)."""

    i18n = True
    alternates = True
    x_default = True


class StaticSitemap(MemorialSitemap):
    changefreq = "weekly"

    def items(self):
        listed = [sitemap.list_url for sitemap in registry.contributions(registry.Sitemap)]
        return ["pages:home", "pages:about", *listed]

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
    """The static pages, then each registered model's published objects."""
    result = {"pages": StaticSitemap}
    for sitemap in registry.contributions(registry.Sitemap):
        model = sitemap.get_model()
        result[model._meta.label_lower] = type(
            f"{model.__name__}Sitemap", (PublishedSitemap,), {"model": model}
        )
    return result


@require_safe
@page_parameters(p=PAGE_NUMBER)
def sitemap(request):
    """sitemap.xml: every registered sitemap, as the apps installed now declare them."""
    return sitemap_view(request, sitemaps=sitemaps())
