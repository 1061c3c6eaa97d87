import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from memorial.pages.anniversary import anniversary_panel

BAKU = ZoneInfo("Asia/Baku")


def baku(*args):
    return datetime.datetime(*args, tzinfo=BAKU)


def render(panel):
    with translation.override("en"):
        return " ".join(render_to_string("pages/_anniversary_panel.html", {"panel": panel}).split())


def test_half_an_hour_before_the_anniversary_names_the_date_not_a_countdown():
    """At 23:30 on 19 January (Baku) the panel counts down the last 30 minutes to the 36th."""
    panel = anniversary_panel(baku(2026, 1, 19, 23, 30))
    assert panel.years_since == 35
    assert not panel.is_anniversary_day
    assert panel.next_anniversary == baku(2026, 1, 20)
    assert panel.until_next == datetime.timedelta(minutes=30)
    assert panel.next_anniversary_number == 36
    html = render(panel)
    assert "35 years since 20 January 1990" in html
    assert "The 36th anniversary falls on 20 January 2026." in html
    assert "a minute of silence at 12:00 Baku time" in html
    # A day of mourning, not an event counted down to the minute.
    assert " min " not in html and "days," not in html and "until" not in html


def test_the_same_instant_in_utc_is_already_the_anniversary_in_baku():
    """20:30 UTC on 19 January is 00:30 on 20 January in Baku: the day itself."""
    panel = anniversary_panel(datetime.datetime(2026, 1, 19, 20, 30, tzinfo=datetime.UTC))
    assert panel.is_anniversary_day
    assert panel.years_since == 36


def test_half_past_midnight_on_the_day_announces_the_coming_minute_of_silence():
    """At 00:30 on 20 January the panel says the minute of silence will be at 12:00 (08:00 UTC)."""
    panel = anniversary_panel(baku(2026, 1, 20, 0, 30))
    assert panel.is_anniversary_day
    assert panel.years_since == 36
    assert panel.silence_state == "upcoming"
    html = render(panel)
    assert "the 36th anniversary" in html
    assert "will be observed at" in html
    assert 'datetime="2026-01-20T12:00:00+04:00"' in html
    assert "12:00 Baku time" in html
    assert "(08:00 UTC)" in html


@pytest.mark.parametrize(
    ("moment", "state", "words"),
    [
        (baku(2026, 1, 20, 11, 59), "upcoming", "will be observed at"),
        (baku(2026, 1, 20, 12, 0), "now", "is being observed now"),
        (baku(2026, 1, 20, 12, 1), "passed", "was observed at"),
    ],
)
def test_minute_of_silence_around_noon(moment, state, words):
    """At 11:59 the silence is to come; at 12:00 it is now; a minute later it has passed."""
    panel = anniversary_panel(moment)
    assert panel.silence_state == state
    assert words in render(panel)


def test_after_the_anniversary_counts_to_next_year():
    """On 21 January the panel names 20 January of the next year."""
    panel = anniversary_panel(baku(2026, 1, 21, 0, 0))
    assert not panel.is_anniversary_day
    assert panel.years_since == 36
    assert panel.next_anniversary == baku(2027, 1, 20)
    assert panel.next_anniversary_number == 37
    assert panel.days_until == 364
    assert "The 37th anniversary falls on 20 January 2027." in render(panel)
