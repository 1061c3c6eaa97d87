"""The content loader: all or nothing, safe to repeat, and a curator's edit always wins."""

import copy
import json
import os

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
    "body nested too deeply": (
        "events",
        0,
        {"body_ru": "<div>" * 10_000 + "</div>" * 10_000},
        "(events.event troops-enter-baku): body_ru: The formatting is nested too deeply",
    ),
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


SUPERUSER = {
    "model": "auth.user",
    "fields": {
        "username": "intruder",
        "password": "md5$salt$00000000000000000000000000000000",
        "is_staff": True,
        "is_superuser": True,
    },
}
USER_ADMINS = {
    "model": "auth.group",
    "fields": {
        "name": "Curators",
        "permissions": [["add_user", "auth", "user"], ["change_user", "auth", "user"]],
    },
}
HISTORY = {
    "model": "events.historicalevent",
    "fields": {
        "slug": "troops-enter-baku",
        "title_en": "A rewritten past",
        "kind": "main",
        "history_date": "2026-01-01T00:00:00Z",
        "history_type": "~",
    },
}


@pytest.mark.parametrize(
    ("name", "entry", "model"),
    [
        ("events", SUPERUSER, "auth.user"),
        ("sources", USER_ADMINS, "auth.group"),
        ("events", HISTORY, "events.historicalevent"),
        ("sources", FIGURES[0], "figures.figure"),
    ],
    ids=["superuser", "group with user rights", "history", "another app's content"],
)
def test_only_the_apps_own_content_is_loaded(tmp_path, name, entry, model):
    """A fixture names its app; anything else in it (users, groups, history) loads nothing."""
    from django.contrib.auth.models import Group, User

    files = {"sources": copy.deepcopy(SOURCES), "events": copy.deepcopy(EVENTS)}
    files[name].append(entry)
    directory = write(tmp_path / "tampered", **files)
    with pytest.raises(FixtureError) as error:
        load_fixtures(directory)
    message = str(error.value)
    assert f"{name}.json, object {len(files[name])} ({model})" in message
    assert f"only the {name} app's content" in message
    assert not User.objects.filter(username="intruder").exists()
    assert not Group.objects.filter(permissions__codename="add_user").exists()
    assert counts() == (0, 0, 0)


def test_a_natural_key_repeated_in_a_fixture_is_refused(tmp_path):
    """Two entries for one object are a mistake, never silently merged into one."""
    events = copy.deepcopy(EVENTS)
    second = copy.deepcopy(EVENTS[0])
    second["fields"]["title_en"] = "Soviet troops enter Baku (second copy)"
    events.append(second)
    directory = write(tmp_path / "twice", sources=SOURCES, events=events)
    with pytest.raises(FixtureError) as error:
        load_fixtures(directory)
    message = str(error.value)
    assert "events.json, object 2 (events.event troops-enter-baku)" in message
    assert "the same object as events.json, object 1" in message
    assert counts() == (0, 0, 0)


def media_with(tmp_path, make_entry):
    directory = write(tmp_path / "fixtures", sources=SOURCES)
    photos = directory / "media" / "photos"
    photos.mkdir(parents=True)
    (photos / "carnations.jpg").write_bytes(b"a plain file")
    make_entry(photos)
    return directory


SECRET = "/etc/passwd"
LINKS = {
    "symbolic link to a file": (
        lambda photos: (photos / "passwd.txt").symlink_to(SECRET),
        "media/photos/passwd.txt: is a symbolic link",
    ),
    "symbolic link to a folder": (
        lambda photos: (photos / "etc").symlink_to("/etc", target_is_directory=True),
        "media/photos/etc: is a symbolic link",
    ),
    "relative link out of the folder": (
        lambda photos: (photos / "up.txt").symlink_to("../../../../../../../../etc/passwd"),
        "media/photos/up.txt: is a symbolic link",
    ),
    "named pipe": (
        lambda photos: os.mkfifo(photos / "pipe"),
        "media/photos/pipe: is not a plain file",
    ),
}


@pytest.mark.parametrize("case", LINKS.values(), ids=LINKS.keys())
def test_links_in_fixture_media_are_refused_and_nothing_is_published(
    tmp_path, client, _media_root, case
):
    """A link in fixtures/media is never followed: the load stops and names the file."""
    make, expected = case
    directory = media_with(tmp_path, make)
    with pytest.raises(FixtureError, match=expected):
        load_fixtures(directory)
    assert not _media_root.exists() or not any(_media_root.rglob("*"))
    assert client.get("/media/photos/passwd.txt").status_code == 404
    assert counts() == (0, 0, 0)


def test_a_hard_link_in_fixture_media_is_refused(tmp_path, _media_root):
    outside = tmp_path / "outside.txt"
    outside.write_text("not for publication")
    directory = media_with(tmp_path, lambda photos: os.link(outside, photos / "copy.txt"))
    with pytest.raises(FixtureError, match="media/photos/copy.txt: is a hard link"):
        load_fixtures(directory)
    assert not _media_root.exists() or not any(_media_root.rglob("*"))


def test_plain_media_files_are_copied(tmp_path, _media_root):
    directory = media_with(tmp_path, lambda photos: None)
    report = load_fixtures(directory)
    assert report.media_copied == 1
    assert (_media_root / "photos" / "carnations.jpg").read_bytes() == b"a plain file"
