"""What the bibliography brings to search, the sitemap, open data and the menu."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from memorial.core import registry

from .models import Source

CONTRIBUTIONS = [
    registry.Content("sources.Source", order=60),
    registry.Navigation(_("Sources"), "sources:list", order=60),
    registry.Sitemap("sources.Source", list_url="sources:list", order=60),
    registry.SearchGroup(
        "sources",
        _("Sources"),
        "sources.Source",
        "title",
        "reliability_note",
        lambda year: Q(date__year=year),
        order=60,
    ),
    registry.Table(
        "sources",
        lambda: Source.objects.published(),
        [
            registry.attr("key"),
            registry.URL,
            registry.attr("kind"),
            registry.attr("title"),
            registry.attr("author"),
            registry.attr("publisher"),
            *registry.partial_date(Source, "issued"),
            registry.attr("url"),
            registry.attr("locator"),
            registry.attr("language"),
            registry.attr("reliability"),
            *registry.translated("reliability_note"),
        ],
        order=30,
    ),
]
