"""The content loader: all or nothing, safe to repeat, and a curator's edit always wins."""

import copy
import json

import pytest
from django.core.management import CommandError, call_command

from memorial.curation.loader import FixtureError, load_fixtures
from memorial.events.models import Event
from memorial.figures.models import Figure
from memorial.sources.models import Source

pytestmark = pytest.mark.django_db

SOURCES = [
    {
        "model": "sources.source",
        "fields": {
            "key": "omm-2026",
            "kind": "official",
            "title": "Azerbaijan Marks 36th Anniversary of Black January Tragedy",
            "publisher": "Operative Information Center",
            "date": "2026-01-20",
            "date_precision": "month",
            "url": "https://example.org/omm",
            "reliability": "high",
        },
    },
    {
        "model": "sources.source",
        "fields": {
            "key": "documents-and-materials",
            "kind": "book",
            "title": "Black January: Baku 1990. Documents and Materials",
            "date": None,
            "date_precision": "unknown",
            "url": "",
        },
    },
]
EVENTS = [
    {
        "model": "events.event",
        "fields": {
            "slug": "troops-enter-baku",
            "title_en": "Soviet troops enter Baku",
            "title_az": "Sovet qoşunları Bakıya daxil olur",
            "title_ru": "Советские войска входят в Баку",
            "kind": "main",
            "start_date": "1990-01-19",
            "start_precision": "day",
            "start_time": "23:30:00",
            "end_date": "1990-01-20",
            "end_precision": "day",
            "summary_en": "Troops entered the city at night.",
            "body_en": "<p>Troops entered.</p><script>alert(1)</script>",
            "sources": [["omm-2026"]],
            "is_published": True,
        },
    },
]
FIGURES = [
    {
        "model": "figures.figure",
        "fields": {
            "key": "omm-131-killed",
            "quantity": "killed",
            "qualifier": "exact",
            "value_low": 131,
            "value_high": None,
            "scope_en": "Baku and surrounding areas",
            "as_of_date": None,
            "as_of_precision": "unknown",
            "source": ["omm-2026"],
            "is_published": True,
        },
    },
    {
        "model": "figures.figure",
        "fields": {
            "key": "moh-170-killed",
            "quantity": "killed",
            "qualifier": "exact",
            "value_low": 170,
            "value_high": None,
            "scope_en": "Baku",
            "as_of_date": "1990-02-09",
            "as_of_precision": "day",
            "source": ["documents-and-materials"],
            "locator": "p. 287",
            "is_published": True,
        },
    },
]


def write(directory, **files):
    directory.mkdir(parents=True, exist_ok=True)
    for name, entries in files.items():
        (directory / f"{name}.json").write_text(json.dumps(entries, ensure_ascii=False))
    return directory


@pytest.fixture
def content(tmp_path):
    return write(tmp_path / "fixtures", sources=SOURCES, events=EVENTS, figures=FIGURES)


def counts():
    return Source.objects.count(), Event.objects.count(), Figure.objects.count()


def test_loads_everything_with_natural_keys(content):
    report = load_fixtures(content)
    assert counts() == (2, 1, 2)
    assert len(report.created) == 5
    event = Event.objects.get(slug="troops-enter-baku")
    assert list(event.sources.values_list("key", flat=True)) == ["omm-2026"]
    assert "<script>" not in event.body_en
    assert Figure.objects.get(key="moh-170-killed").source.key == "documents-and-materials"


def test_loading_twice_changes_nothing(content):
    load_fixtures(content)
    before = list(Figure.objects.values())
    report = load_fixtures(content)
    assert len(report.unchanged) == 5 and not report.created and not report.updated
    assert list(Figure.objects.values()) == before


def test_a_curators_edit_survives_a_reload(content):
    load_fixtures(content)
    figure = Figure.objects.get(key="omm-131-killed")
    figure.note_en = "Counts the 20 mortally wounded among the dead."
    figure.save()
    changed = copy.deepcopy(FIGURES)
    changed[0]["fields"]["scope_en"] = "Baku, Neftchala and Lankaran"
    write(content, figures=changed)
    report = load_fixtures(content)
    figure.refresh_from_db()
    assert figure.note_en == "Counts the 20 mortally wounded among the dead."
    assert figure.scope_en == "Baku and surrounding areas"
    assert any("omm-131-killed" in label for label, _ in report.skipped)


def test_an_untouched_object_takes_a_newer_fixture(content):
    load_fixtures(content)
    changed = copy.deepcopy(FIGURES)
    changed[1]["fields"]["locator"] = "p. 287, table 3"
    write(content, figures=changed)
    report = load_fixtures(content)
    assert Figure.objects.get(key="moh-170-killed").locator == "p. 287, table 3"
    assert len(report.updated) == 1


BAD_ROWS = {
    "negative figure": ("figures", 0, {"value_low": -1}, "value_low"),
    "javascript url": ("sources", 0, {"url": "javascript:alert(1)"}, "url"),
    "over-long title": ("events", 0, {"title_en": "x" * 300}, "title"),
    "nul byte": ("events", 0, {"summary_en": "a\x00b"}, "summary"),
    "unknown source": ("figures", 1, {"source": ["no-such-source"]}, "does not exist"),
    "low above high": (
        "figures",
        0,
        {"qualifier": "range", "value_low": 200, "value_high": 100},
        "value_high",
    ),
    "29 February 1991": ("events", 0, {"start_date": "1991-02-29"}, "invalid date"),
    "blank title": ("events", 0, {"title_en": "   "}, "title"),
    "unknown kind": ("events", 0, {"kind": "rumour"}, "kind"),
}


@pytest.mark.parametrize("case", BAD_ROWS.values(), ids=BAD_ROWS.keys())
def test_a_bad_row_loads_nothing_and_says_why(tmp_path, case):
    """One bad object anywhere rolls back every file and names file, object and field."""
    name, index, change, expected = case
    files = {"sources": copy.deepcopy(SOURCES), "events": copy.deepcopy(EVENTS)}
    files["figures"] = copy.deepcopy(FIGURES)
    files[name][index]["fields"].update(change)
    directory = write(tmp_path / "bad", **files)
    with pytest.raises(FixtureError) as error:
        load_fixtures(directory)
    message = str(error.value)
    assert f"{name}.json, object {index + 1}" in message
    assert expected in message
    assert counts() == (0, 0, 0)


def test_a_bad_reload_keeps_the_loaded_content(content):
    load_fixtures(content)
    broken = copy.deepcopy(FIGURES)
    broken[1]["fields"]["value_low"] = -5
    write(content, figures=broken)
    with pytest.raises(FixtureError):
        load_fixtures(content)
    assert counts() == (2, 1, 2)
    assert Figure.objects.get(key="moh-170-killed").value_low == 170


def test_invalid_json_and_pk_entries_are_refused(tmp_path):
    directory = tmp_path / "broken"
    directory.mkdir()
    (directory / "sources.json").write_text("[{")
    with pytest.raises(FixtureError, match="not valid JSON"):
        load_fixtures(directory)
    with_pk = copy.deepcopy(SOURCES)
    with_pk[0]["pk"] = 1
    write(directory, sources=with_pk)
    with pytest.raises(FixtureError, match="natural keys"):
        load_fixtures(directory)


def test_command_reports_and_fails_cleanly(content, tmp_path, capsys):
    call_command("load_content", str(content))
    assert "5 created" in capsys.readouterr().out
    bad = write(tmp_path / "bad", sources=[{"model": "sources.source", "fields": {"key": "x"}}])
    with pytest.raises(CommandError, match="Nothing was loaded"):
        call_command("load_content", str(bad))
