"""What the anniversaries bring to search, the sitemap, open data and the menu."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from memorial.core import registry

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
    registry.Table(
        "commemorations",
        lambda: Commemoration.objects.published().prefetch_related("sources"),
        [
            registry.attr("year", "integer"),
            registry.URL,
            registry.attr("date", "date"),
            registry.attr("minute_of_silence", "boolean"),
            registry.attr("sound_signals", "boolean"),
            registry.attr("flags_half_mast", "boolean"),
            registry.attr("alley_of_martyrs", "boolean"),
            registry.attr("events_abroad", "boolean"),
            *registry.translated("observances"),
            registry.keys("sources"),
        ],
        order=40,
    ),
]
