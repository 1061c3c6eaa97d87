"""What the timeline brings to search, the sitemap, open data, health, the menu and the home page."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from memorial.core import registry
from memorial.opendata import tables

from .models import Event


def _in_year(year):
    return Q(start_date__year=year) | Q(
        start_date__year__lte=year, end_date__isnull=False, end_date__year__gte=year
    )


def unsourced_events():
    unsourced = Event.objects.annotate(source_count=Count("sources")).filter(source_count=0)
    for event in unsourced.order_by("pk"):
        yield event, _("Cite at least one source.")


def home_events(view):
    """The main events of the night, the first five of the timeline."""
    events = view.published(Event.objects.filter(kind="main")).listed().in_timeline_order()
    return {"events": events[:5]}


CONTRIBUTIONS = [
    registry.Content("events.Event", order=10, rich_text=("body",)),
    registry.Navigation(_("Timeline"), "events:list", order=10),
    registry.Sitemap("events.Event", list_url="events:list", order=10),
    registry.SearchGroup(
        "events", _("Timeline"), "events.Event", "title", "summary", _in_year, order=10
    ),
    tables.Table(
        "events",
        lambda: Event.objects.published().prefetch_related("sources"),
        [
            tables.attr("slug"),
            tables.URL,
            *tables.translated("title"),
            tables.attr("kind"),
            *tables.partial_date(Event, "start"),
            *tables.partial_date(Event, "end"),
            *tables.translated("date_note"),
            *tables.translated("place"),
            *tables.translated("summary"),
            tables.keys("sources"),
        ],
        order=10,
    ),
    registry.HealthCheck(_("Events without a source"), unsourced_events, order=30),
    registry.HomeSection("events/_home.html", home_events, order=20),
]
