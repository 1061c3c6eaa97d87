"""Dates that are known only to the day, the month or the year.

A historical record is often vaguer than a calendar: "May 1991", "spring
1993", "January 1990". Models store a date plus its precision (and sometimes a
time of day in Baku), read together as one `PartialDate`, whose `str()` is the
one formatter every page uses, in every language.
"""

import datetime
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
        """From this date to `end`, each at its own precision: "19 January 1990, 23:30 – 20 January 1990"."""
        if end.date and end.date != self.date:
            return f"{self} – {end}"
        return str(self)

    def sort_key(self):
        """Undated records sort last."""
        return self.date or datetime.date.max


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
