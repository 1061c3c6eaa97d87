"""What the toll brings to search, the sitemap, open data, health, the menu and the home page."""

from django.db.models import Prefetch, Q
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from memorial.core import registry
from memorial.opendata import tables
from memorial.sources.citations import cite_source

from .models import Figure


def undated_figures():
    for figure in Figure.objects.filter(as_of_date__isnull=True).select_related("source"):
        yield figure, figure.as_of_note or _("No date and no note.")


def parts_above_their_total():
    """A breakdown whose parts add up to more than the total they are parts of."""
    totals = Figure.objects.filter(parts__isnull=False).distinct().order_by("pk")
    totals = totals.prefetch_related(Prefetch("parts", Figure.objects.order_by("pk")))
    for total in totals:
        bound = total.upper_bound
        parts = sum(part.value_low for part in total.parts.all())
        if bound is not None and parts > bound:
            yield (
                total,
                _("Its parts add up to %(parts)s, more than the total %(total)s.")
                % {
                    "parts": number_format(parts, force_grouping=True),
                    "total": total.value_display,
                },
            )


def home_figures(view):
    """The figures a curator chose for the home page, at most eight."""
    return {"key_figures": view.published(Figure.objects.key_figures()).shown()[:8]}


CONTRIBUTIONS = [
    registry.Content("figures.Figure", order=20),
    registry.Navigation(_("The toll"), "figures:list", order=20),
    registry.Sitemap("figures.Figure", list_url="figures:list", order=20),
    registry.SearchGroup(
        "figures",
        _("The toll"),
        "figures.Figure",
        "scope",
        "note",
        lambda year: Q(as_of_date__year=year),
        related=("source",),
        order=20,
    ),
    tables.Table(
        "figures",
        lambda: Figure.objects.for_toll().select_related("part_of"),
        [
            tables.attr("key"),
            tables.URL,
            tables.attr("quantity"),
            tables.attr("qualifier"),
            tables.attr("value_low", "integer"),
            tables.attr("value_high", "integer"),
            *tables.translated("scope"),
            *tables.partial_date(Figure, "as_of"),
            *tables.translated("as_of_note"),
            tables.Field("source", "string", lambda f: f.source.key, "key of the source"),
            tables.Field("source_citation", "string", lambda f: cite_source(f.source, f.locator)),
            tables.attr("locator"),
            tables.attr("quote"),
            *tables.translated("note"),
            tables.Field("part_of", "string", lambda f: f.part_of.key if f.part_of else None),
            tables.attr("sort_order", "integer"),
        ],
        order=20,
    ),
    registry.HealthCheck(_("Figures without an as-of date"), undated_figures, order=20),
    registry.HealthCheck(
        _("Breakdowns whose parts exceed their total"), parts_above_their_total, order=21
    ),
    registry.HomeSection("figures/_home.html", home_figures, order=10),
]
