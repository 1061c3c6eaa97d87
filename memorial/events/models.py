from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Window
from django.db.models.functions import Lag, Lead, Length, Trim
from django.db.models.lookups import GreaterThan
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.manager import rewrite_lookup_key

from memorial.core.dates import DatePrecision, PartialDateField, annotated
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


#: The timeline's order: by date (undated last), then time and title.
TIMELINE_ORDER = (models.F("start_date").asc(nulls_last=True), "start_time", "title", "pk")


class EventQuerySet(PublishableQuerySet):
    listed_fields = LISTED_FIELDS

    def in_timeline_order(self):
        return self.order_by(*TIMELINE_ORDER)

    def neighbours(self, event):
        """The events just before and just after `event` among these, in the timeline's
        order: (previous, next), each None at an end. One query."""
        # A window's order is not rewritten to the active language's columns as
        # order_by() is, so the title's column is named here.
        order = [
            rewrite_lookup_key(self.model, term) if isinstance(term, str) else term
            for term in TIMELINE_ORDER
        ]
        found = self.annotate(
            previous_pk=Window(Lag("pk"), order_by=order),
            next_pk=Window(Lead("pk"), order_by=order),
        ).filter(models.Q(next_pk=event.pk) | models.Q(previous_pk=event.pk))
        previous = following = None
        for other in found:
            if other.next_pk == event.pk:
                previous = other
            else:
                following = other
        return previous, following


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
    start = PartialDateField("start_date", "start_precision", "start_time")
    end = PartialDateField("end_date", "end_precision", "end_time")

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
        """When it happened, each end at its own precision: "20 January 1990, 00:15"."""
        return self.start.until(self.end)

    @property
    def when(self):
        """The date and its note, written once: "17–18 December 1986", "19 January 1990,
        19:30 (the time is given by one secondary source only)"."""
        return annotated(self.date_display, self.date_note)
