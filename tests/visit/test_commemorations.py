"""Years with nothing recorded collapse into one line, with an invitation to send what
is known, instead of the same sentence seventeen times."""

import re

import pytest
from django.urls import reverse

from memorial.commemorations.models import Commemoration
from memorial.commemorations.views import runs
from tests import factories


def text_of(response):
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.mark.django_db
def test_empty_years_are_one_line_of_runs_with_an_invitation(client):
    nothing = dict.fromkeys(
        (
            "minute_of_silence",
            "sound_signals",
            "flags_half_mast",
            "alley_of_martyrs",
            "events_abroad",
        ),
        False,
    )
    for year in (1991, 1993, 1995, 1996, 1997):
        factories.make_commemoration(year, observances_en="", **nothing)
    factories.make_commemoration(2026, observances_en="The 36th anniversary was observed.")
    response = client.get(reverse("commemorations:list"))
    html = response.content.decode()
    assert html.count('class="unrecorded"') == 1
    unrecorded = html[html.index('class="unrecorded"') :]
    line = re.sub(r"<[^>]+>", "", unrecorded[: unrecorded.index("</p>")])
    assert line.endswith("1991, 1993, 1995–1997: no details recorded yet — send what you know.")
    assert "The 36th anniversary was observed." in text_of(response)
    assert f'href="{reverse("pages:about")}#corrections"' in unrecorded


def test_the_real_archive_has_no_repeated_sentence(real_content, client):
    """With the fixtures, no sentence of the list is said more than once."""
    text = text_of(client.get(reverse("commemorations:list")))
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s", text) if len(s) > 20]
    repeated = {s for s in sentences if sentences.count(s) > 1}
    assert not repeated
    empty = [c for c in Commemoration.objects.published() if not c.is_recorded]
    assert len(empty) >= 10 and text.count("no details recorded yet") == 1


@pytest.mark.django_db
def test_consecutive_years_make_one_run():
    years = [Commemoration(year=y) for y in (1991, 1993, 1995, 1996, 1997, 2001)]
    assert [[c.year for c in run] for run in runs(years)] == [
        [1991],
        [1993],
        [1995, 1996, 1997],
        [2001],
    ]
