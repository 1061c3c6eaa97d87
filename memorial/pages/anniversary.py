"""The anniversary panel on the home page: the years since, the date of the next
anniversary and, on 20 January, the minute of silence at noon. Not a countdown:
a day of mourning is not an event to wait for by the minute.

Everything is computed in Baku time. The clock is an argument, so a page and a
test can ask about any moment.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings

from memorial.core.dates import PartialDate

TRAGEDY_DATE = datetime.date(1990, 1, 20)
SILENCE_TIME = datetime.time(12, 0)
SILENCE_MINUTES = 1


def baku_zone():
    return ZoneInfo(settings.TIME_ZONE)


@dataclass(frozen=True)
class AnniversaryPanel:
    now: datetime.datetime
    years_since: int
    is_anniversary_day: bool
    next_anniversary: datetime.datetime
    until_next: datetime.timedelta
    next_anniversary_number: int
    silence_at: datetime.datetime | None
    silence_state: str  # "", "upcoming", "now" or "passed"

    @property
    def silence_utc(self):
        """The minute of silence in UTC, for visitors without JavaScript."""
        if self.silence_at is None:
            return ""
        return self.silence_at.astimezone(datetime.UTC).strftime("%H:%M")

    @property
    def next_date(self):
        """The next anniversary's date, written as every date is: "20 January 2027"."""
        return PartialDate(self.next_anniversary.date())

    @property
    def days_until(self):
        return self.until_next.days

    @property
    def hours_until(self):
        return self.until_next.seconds // 3600

    @property
    def minutes_until(self):
        return (self.until_next.seconds % 3600) // 60


def anniversary_panel(now):
    """What the panel says at the moment `now` (an aware datetime)."""
    local = now.astimezone(baku_zone())
    today = local.date()
    this_year = datetime.date(today.year, TRAGEDY_DATE.month, TRAGEDY_DATE.day)
    years_since = today.year - TRAGEDY_DATE.year - (today < this_year)
    is_day = today == this_year
    next_date = this_year if today < this_year else this_year.replace(year=today.year + 1)
    next_start = datetime.datetime.combine(next_date, datetime.time(0, 0), tzinfo=baku_zone())
    silence_at = None
    silence_state = ""
    if is_day:
        silence_at = datetime.datetime.combine(today, SILENCE_TIME, tzinfo=baku_zone())
        silence_end = silence_at + datetime.timedelta(minutes=SILENCE_MINUTES)
        if local < silence_at:
            silence_state = "upcoming"
        elif local < silence_end:
            silence_state = "now"
        else:
            silence_state = "passed"
    return AnniversaryPanel(
        now=local,
        years_since=years_since,
        is_anniversary_day=is_day,
        next_anniversary=next_start,
        until_next=next_start - local,
        next_anniversary_number=next_date.year - TRAGEDY_DATE.year,
        silence_at=silence_at,
        silence_state=silence_state,
    )
