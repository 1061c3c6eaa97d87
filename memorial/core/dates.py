"""Dates that are known only to the day, the month or the year.

A historical record is often vaguer than a calendar: "May 1991", "spring
1993", "January 1990". Models store a date plus its precision (and sometimes a
time of day in Baku); `format_partial_date` is the one formatter every page
uses, in every language.
"""

import datetime
from functools import lru_cache

from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver
from django.utils import formats
from django.utils.formats import FORMAT_SETTINGS
from django.utils.translation import get_language, gettext_noop, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

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


def precision_constraints(date, precision, *, name):
    """Database checks for a date/precision pair: a known precision needs a date."""
    return [
        models.CheckConstraint(
            condition=models.Q(**{f"{precision}__in": DatePrecision.values}),
            name=f"{name}_{precision}_valid",
        ),
        models.CheckConstraint(
            condition=models.Q(**{precision: DatePrecision.UNKNOWN, f"{date}__isnull": True})
            | (
                ~models.Q(**{precision: DatePrecision.UNKNOWN})
                & models.Q(**{f"{date}__isnull": False})
            ),
            name=f"{name}_{precision}_matches_{date}",
        ),
    ]


def format_partial_date(value, precision=DatePrecision.DAY, time=None):
    """Render a date at the precision the record has, in the active language."""
    return _format_partial_date(value, precision, time, get_language())


@lru_cache(maxsize=10_000)
def _format_partial_date(value, precision, time, language):
    # Kept per language: a list page writes the same few dates many times, and
    # Django's formatting looks up the language's formats on every call.
    if value is None or precision == DatePrecision.UNKNOWN:
        return pgettext("date", "date unknown")
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return formats.date_format(value, "YEAR_MONTH_FORMAT")
    text = formats.date_format(value, "DATE_FORMAT")
    if time is not None:
        text = f"{text}, {formats.time_format(time, 'H:i')}"
    return text


@receiver(setting_changed)
def _forget_dates(setting, **kwargs):
    if setting in FORMAT_SETTINGS or setting in {"FORMAT_MODULE_PATH", "LANGUAGES"}:
        _format_partial_date.cache_clear()


def partial_date_iso(value, precision=DatePrecision.DAY):
    """ISO 8601 at the record's precision: 1990, 1990-01 or 1990-01-20."""
    if value is None or precision == DatePrecision.UNKNOWN:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def sort_key(value):
    """Undated records sort last."""
    return value or datetime.date.max
