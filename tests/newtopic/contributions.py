from django.db.models import Q

from memorial.core import registry
from memorial.opendata import tables

from .models import Wreath


def wreaths_without_giver():
    for wreath in Wreath.objects.filter(laid_by="").order_by("pk"):
        yield wreath, "Say who laid it."


def latest_wreaths(view):
    wreaths = list(view.published(Wreath.objects.order_by("-laid_on"))[:3])
    return {"wreaths": wreaths} if wreaths else None


CONTRIBUTIONS = [
    registry.Content("newtopic.Wreath", order=70, rich_text=("body",)),
    registry.Navigation("Wreaths", "newtopic:list", order=70),
    registry.Sitemap("newtopic.Wreath", list_url="newtopic:list", order=70),
    registry.SearchGroup(
        "wreaths",
        "Wreaths",
        "newtopic.Wreath",
        "title",
        "body",
        lambda year: Q(laid_on__year=year),
        order=70,
    ),
    tables.Table(
        "wreaths",
        lambda: Wreath.objects.published(),
        [
            tables.attr("slug"),
            tables.URL,
            *tables.translated("title"),
            tables.attr("laid_by"),
            tables.attr("laid_on", "date"),
        ],
        order=70,
    ),
    registry.HealthCheck("Wreaths without a giver", wreaths_without_giver, order=70),
    registry.HomeSection("newtopic/_home.html", latest_wreaths, order=70),
]
