"""What the bibliography brings to search, the sitemap, open data and the menu."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from memorial.core import registry
from memorial.opendata import tables

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
    tables.Table(
        "sources",
        lambda: Source.objects.published(),
        [
            tables.attr("key"),
            tables.URL,
            tables.attr("kind"),
            tables.attr("title"),
            tables.attr("author"),
            tables.attr("publisher"),
            *tables.partial_date(Source, "issued"),
            tables.attr("url"),
            tables.attr("locator"),
            tables.attr("language"),
            tables.attr("reliability"),
            *tables.translated("reliability_note"),
        ],
        order=30,
    ),
]
