"""Dates that are known only to the day, the month or the year.

A historical record is often vaguer than a calendar: "May 1991", "spring
1993", "January 1990". Models store a date plus its precision (and sometimes a
time of day in Baku), read together as one `PartialDate`, whose `str()` is the
one formatter every page uses, in every language.
"""

import datetime
import re
from dataclasses import dataclass

from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext, pgettext_lazy

#: Azerbaijani and Russian write month names in lower case within a date
#: ("20 yanvar 1990", "январь 1990"), where Django's catalogues capitalise them.
#: Listing the names here puts them in the project's catalogues, which take
#: precedence over Django's for the `F` (nominative) and `E` (in a date) formats.
MONTH_NAMES = (
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
)
MONTH_NAMES_IN_DATES = (
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
)


class DatePrecision(models.TextChoices):
    DAY = "day", _("Exact day")
    MONTH = "month", _("Month only")
    YEAR = "year", _("Year only")
    UNKNOWN = "unknown", _("Unknown")


@dataclass(frozen=True)
class PartialDate:
    """A date known to the day, the month or the year, or not at all, with an optional
    time of day in Baku. `str()` writes it in the active language; `iso` as ISO 8601.

    False when nothing is known of it.
    """

    date: datetime.date | None
    precision: str = DatePrecision.DAY
    time: datetime.time | None = None

    def __bool__(self):
        return self.date is not None and self.precision != DatePrecision.UNKNOWN

    def __str__(self):
        if not self:
            return pgettext("date", "date unknown")
        if self.precision == DatePrecision.YEAR:
            return str(self.date.year)
        if self.precision == DatePrecision.MONTH:
            return formats.date_format(self.date, "YEAR_MONTH_FORMAT")
        text = formats.date_format(self.date, "DATE_FORMAT")
        if self.time is not None:
            text = f"{text}, {formats.time_format(self.time, 'H:i')}"
        return text

    @property
    def year(self):
        return self.date.year if self.date else None

    @property
    def iso(self):
        """ISO 8601 at the record's precision: 1990, 1990-01 or 1990-01-20; "" when unknown."""
        if not self:
            return ""
        if self.precision == DatePrecision.YEAR:
            return f"{self.date.year:04d}"
        if self.precision == DatePrecision.MONTH:
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return self.date.isoformat()

    def until(self, end):
        """From this date to `end`, written once: what the two ends share is said once.

        "17–18 December 1986", "April–May 1993", "19 January, 23:30 – 20 January 1990",
        "30 December 1990 – 2 January 1991"; one day (or no end) is the date alone.
        """
        if not self or not end or end.date == self.date and end.precision == self.precision:
            if self and end and self.time and end.time and end.time != self.time:
                return f"{self}–{formats.time_format(end.time, 'H:i')}"
            return str(self)
        start_date, end_date = self.date, end.date
        if self.precision != end.precision or self.precision == DatePrecision.YEAR:
            if self.precision == end.precision == DatePrecision.YEAR:
                return f"{start_date.year}–{end_date.year}"
            return f"{self} – {end}"
        same_year = start_date.year == end_date.year
        if self.precision == DatePrecision.MONTH:
            if same_year:
                return f"{_month(start_date)}–{end}"
            return f"{self} – {end}"
        if self.time is None and end.time is None and same_year:
            if start_date.month == end_date.month:
                return f"{start_date.day}–{end}"
            return f"{formats.date_format(start_date, 'MONTH_DAY_FORMAT')} – {end}"
        if same_year:
            start = formats.date_format(start_date, "MONTH_DAY_FORMAT")
            if self.time is not None:
                start = f"{start}, {formats.time_format(self.time, 'H:i')}"
            return f"{start} – {end}"
        return f"{self} – {end}"

    def sort_key(self):
        """Undated records sort last."""
        return self.date or datetime.date.max


def _month(date):
    """The month alone, as it stands at the start of a range of months: "April", "апрель"."""
    return formats.date_format(date, "F")


_BRACKETS = re.compile(r"\s*\(([^()]*)\)")


def annotated(text, note):
    """`text` with a note on it in brackets, written once: "19 January 1990 (night of …)".

    A note that only repeats the text is left out, and brackets inside the note become
    commas, so no bracket ever stands inside another.
    """
    text, note = str(text), " ".join(str(note or "").split())
    if not note or _comparable(note) in _comparable(text):
        return text
    note = _BRACKETS.sub(lambda match: f", {match.group(1)}", note).strip(" ,")
    return f"{text} ({note})"


def _comparable(text):
    return re.sub(r"[\s\u2013\u2014-]+", " ", str(text)).casefold().strip()


class PartialDateField:
    """A model's date and its precision (and time of day), stored in their own columns,
    read together as one `PartialDate`: `start = PartialDateField("start_date",
    "start_precision", "start_time")` makes `event.start`.

    It adds the database's checks of the pair to the model: the precision is one of
    `DatePrecision`, and a date is given exactly when the precision is not unknown.
    """

    def __init__(self, date, precision, time=None):
        self.date, self.precision, self.time = date, precision, time

    def contribute_to_class(self, cls, name):
        self.name = name
        setattr(cls, name, self)
        if not cls._meta.abstract:
            cls._meta.constraints.extend(
                self.constraints(f"{cls._meta.app_label}_{cls._meta.model_name}")
            )

    def constraints(self, prefix):
        date, precision = self.date, self.precision
        return [
            models.CheckConstraint(
                condition=models.Q(**{f"{precision}__in": DatePrecision.values}),
                name=f"{prefix}_{precision}_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(**{precision: DatePrecision.UNKNOWN, f"{date}__isnull": True})
                | (
                    ~models.Q(**{precision: DatePrecision.UNKNOWN})
                    & models.Q(**{f"{date}__isnull": False})
                ),
                name=f"{prefix}_{precision}_matches_{date}",
            ),
        ]

    def __get__(self, instance, owner):
        if instance is None:
            return self
        return PartialDate(
            getattr(instance, self.date),
            getattr(instance, self.precision),
            getattr(instance, self.time) if self.time else None,
        )
