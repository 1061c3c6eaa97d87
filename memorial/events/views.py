from django.views.generic import DetailView, ListView

from memorial.core.languages import active_language, lang_attribute_of, row_text_in
from memorial.core.links import slug_addresses
from memorial.core.views import KindFilterMixin, PublishedMixin

from . import jsonld
from .models import ROW_TEXTS, Event, EventKind, dates_text


def timeline_entries(rows):
    """What events/_item.html shows of each event, from its plain values
    (`EventQuerySet.rows()`), with the page's language and the events' address
    pattern found once for all the entries.

    An entry's keys: `year`, `date`, `url`, the texts `title`, `summary` and
    `date_note`, and `title_lang`, `summary_lang` and `date_note_lang`
    (` lang="…"` when the text falls back to another language, else "").
    """
    language = active_language()
    address = slug_addresses("events:detail", "slug")
    entries = []
    for row in rows:
        start_date = row["start_date"]
        entry = {
            "year": start_date.year if start_date else None,
            "date": dates_text(
                start_date,
                row["start_precision"],
                row["start_time"],
                row["end_date"],
                row["end_precision"],
                row["end_time"],
            ),
            "url": address(row["slug"]),
        }
        for field in ROW_TEXTS:
            text, code = row_text_in(row, Event, field, language)
            entry[field], entry[f"{field}_lang"] = text, lang_attribute_of(code)
        entries.append(entry)
    return entries


class EventListView(KindFilterMixin, PublishedMixin, ListView):
    """The timeline: every event in order, grouped by year on the page."""

    model = Event
    paginate_by = 50
    kind_choices = EventKind.choices

    def get_queryset(self):
        return super().get_queryset().rows()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["entries"] = timeline_entries(context["object_list"])
        return context


class EventDetailView(PublishedMixin, DetailView):
    model = Event
    slug_field = "slug"
    slug_url_kwarg = "slug"

    related = ("photos", "articles", "sources")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Every event's key in the timeline's order, read as plain values.
        order = self.read(
            "order",
            lambda: self.published(Event.objects.in_timeline_order()).values_list("pk", flat=True),
        )
        index = order.index(self.object.pk) if self.object.pk in order else -1
        neighbours = {
            "previous": order[index - 1] if index > 0 else None,
            "next": order[index + 1] if 0 <= index < len(order) - 1 else None,
        }
        wanted = [pk for pk in neighbours.values() if pk]
        # The neighbours are only linked: their titles and addresses, not their texts.
        found = {
            event.pk: event
            for event in self.read(
                ("neighbours", len(wanted)),
                lambda *keys: Event.objects.only("slug", "title").filter(pk__in=keys),
                *wanted,
            )
        }
        context["previous_event"] = found.get(neighbours["previous"])
        context["next_event"] = found.get(neighbours["next"])
        return context

    def get_structured_data(self):
        return jsonld.event(self.request, self.object, self.get_related()["sources"])
