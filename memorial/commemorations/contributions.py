"""What the anniversaries bring to search, the sitemap, open data and the menu."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from memorial.core import registry
from memorial.opendata import tables

from .models import Commemoration

CONTRIBUTIONS = [
    registry.Content("commemorations.Commemoration", order=50, rich_text=("description",)),
    registry.Navigation(_("Commemorations"), "commemorations:list", order=50),
    registry.Sitemap("commemorations.Commemoration", list_url="commemorations:list", order=50),
    registry.SearchGroup(
        "commemorations",
        _("Commemorations"),
        "commemorations.Commemoration",
        "observances",
        "observances",
        lambda year: Q(year=year),
        order=50,
    ),
    tables.Table(
        "commemorations",
        lambda: Commemoration.objects.published().prefetch_related("sources"),
        [
            tables.attr("year", "integer"),
            tables.URL,
            tables.attr("date", "date"),
            tables.attr("minute_of_silence", "boolean"),
            tables.attr("sound_signals", "boolean"),
            tables.attr("flags_half_mast", "boolean"),
            tables.attr("alley_of_martyrs", "boolean"),
            tables.attr("events_abroad", "boolean"),
            *tables.translated("observances"),
            tables.keys("sources"),
        ],
        order=40,
    ),
]
