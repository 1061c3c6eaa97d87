from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Length, Trim
from django.db.models.lookups import GreaterThan
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from memorial.core.dates import DatePrecision, format_partial_date, precision_constraints
from memorial.core.languages import active_language, language_columns
from memorial.core.links import reverse
from memorial.core.managers import SlugManager
from memorial.core.models import (
    PublishableModel,
    PublishableQuerySet,
    SearchableModel,
    rich_text_field,
    text_field,
    title_field,
)


class EventKind(models.TextChoices):
    MAIN = "main", _("The events of January 1990")
    CONTEXT = "context", _("Context")
    AFTERMATH = "aftermath", _("Aftermath")
    COMMEMORATION = "commemoration", _("Commemoration")


#: What a list of events shows of each: a timeline entry (events/_item.html) or a
#: link with its date. The body is read on the event's own page.
LISTED_FIELDS = (
    "title",
    "slug",
    "start_date",
    "start_precision",
    "start_time",
    "end_date",
    "end_precision",
    "end_time",
    "date_note",
    "summary",
)


#: The translated texts of a timeline entry.
ROW_TEXTS = ("title", "summary", "date_note")

#: What a timeline entry shows, as plain values: what a list shows of an event,
#: with each translated text in its language columns.
ROW_FIELDS = (
    "pk",
    *(field for field in LISTED_FIELDS if field not in ROW_TEXTS),
    *language_columns(*ROW_TEXTS),
)

#: The timeline's order: by date (undated last), then time and title.
TIMELINE_ORDER = (models.F("start_date").asc(nulls_last=True), "start_time", "title", "pk")


def timeline_order_in(language):
    """`TIMELINE_ORDER` with the title column of `language` named, as
    django-modeltranslation would rewrite it: for a query that rewrites nothing."""
    return tuple(
        build_localized_fieldname("title", language) if term == "title" else term
        for term in TIMELINE_ORDER
    )


def dates_text(start_date, start_precision, start_time, end_date, end_precision, end_time):
    """When an event happened, each end at its own precision: "20 January 1990, 00:15"."""
    start = format_partial_date(start_date, start_precision, start_time)
    if end_date and end_date != start_date:
        return f"{start} – {format_partial_date(end_date, end_precision, end_time)}"
    return start


class EventQuerySet(PublishableQuerySet):
    listed_fields = LISTED_FIELDS

    def in_timeline_order(self):
        """These events in the timeline's order, for reading as plain values: the
        title column of the active language is named, so nothing needs rewriting."""
        return self.rewrite(False).order_by(*timeline_order_in(active_language()))

    def rows(self):
        """These events as plain values (`ROW_FIELDS`) in the timeline's order,
        for `events.views.timeline_entries`.

        A timeline page shows fifty events, and making a model instance of
        each cost a third of the page.
        """
        return self.in_timeline_order().values(*ROW_FIELDS)


class Event(SearchableModel, PublishableModel):
    title = title_field()
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    start_precision = models.CharField(
        _("start date precision"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    start_time = models.TimeField(
        _("start time"), null=True, blank=True, help_text=_("Baku local time, if known.")
    )
    end_date = models.DateField(_("end date"), null=True, blank=True)
    end_precision = models.CharField(
        _("end date precision"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
    )
    end_time = models.TimeField(
        _("end time"), null=True, blank=True, help_text=_("Baku local time, if known.")
    )
    date_note = models.CharField(
        _("note on the date"),
        max_length=255,
        blank=True,
        help_text=_('For example "night of 19–20 January" or "sources differ: April or May".'),
    )
    place = models.CharField(_("place"), max_length=255, blank=True)
    summary = text_field(_("summary"), help_text=_("One or two sentences for lists and previews."))
    body = rich_text_field(
        _("body"), help_text=_("Formatted text. Unsafe markup is removed on save.")
    )
    sources = models.ManyToManyField(
        "sources.Source", verbose_name=_("sources"), blank=True, related_name="events"
    )

    objects = SlugManager.from_queryset(EventQuerySet)()
    search_fields = ("title", "date_note", "place", "summary", "body")

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start_date", "start_time", "title"]
        indexes = [
            models.Index(fields=["start_date", "start_time"]),
            # The home page's main events and the timeline's kinds.
            models.Index(fields=["kind", "start_date", "start_time"], name="events_kind_in_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=EventKind.values), name="events_event_kind_valid"
            ),
            models.CheckConstraint(
                condition=GreaterThan(Length(Trim("title_en")), 0),
                name="events_event_title_not_blank",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="events_event_end_after_start",
            ),
            *precision_constraints("start_date", "start_precision", name="events_event"),
            *precision_constraints("end_date", "end_precision", name="events_event"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end cannot be before the start.")})
        if (
            self.start_date
            and self.end_date == self.start_date
            and self.start_time
            and self.end_time
            and self.end_time < self.start_time
        ):
            raise ValidationError({"end_time": _("The end cannot be before the start.")})

    @property
    def date_display(self):
        return dates_text(
            self.start_date,
            self.start_precision,
            self.start_time,
            self.end_date,
            self.end_precision,
            self.end_time,
        )
