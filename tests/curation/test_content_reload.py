"""The corrected content replaces the reviewed version, object by object, except where a curator edited.

A site loaded from the fixtures as they stood before the fact-check and the
translation review, then edited in the admin, takes the corrected fixtures: every
object no curator touched gets its new text, the edited one keeps the curator's.
"""

import json
import os
import shutil
import subprocess

import pytest
from django.conf import settings

from memorial.commemorations.models import Commemoration
from memorial.curation.loader import fixture_files, load_fixtures
from memorial.events.models import Event
from memorial.figures.models import Figure
from memorial.sources.models import Source

pytestmark = pytest.mark.django_db

#: The last commit of the fixtures before the fact-check and translation corrections.
REVIEWED = "70222fd21f9b1bea79b9c65ac3ebcda980eb3234"
NATURAL_KEYS = ("key", "slug", "year")
#: Models whose natural key is made of the natural keys of the objects they join.
JOINED_KEYS = {"people.attestation": ("person", "source")}


def _natural_key(model, fields):
    """The key as the loader labels the object (see `object_label`)."""
    if model in JOINED_KEYS:
        return "/".join(part for name in JOINED_KEYS[model] for part in fields[name])
    return next(str(fields[name]) for name in NATURAL_KEYS if name in fields)


def _entries(directory):
    """{label: fixture entry} as the loader names the objects."""
    entries = {}
    for path in fixture_files(directory):
        for entry in json.loads(path.read_text(encoding="utf-8")):
            model = entry["model"]
            entries[f"{model} {_natural_key(model, entry['fields'])}"] = entry
    return entries


@pytest.fixture
def reviewed_fixtures(tmp_path, settings):
    """The fixture files as they were at `REVIEWED`, read from git, with today's media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    root = settings.BASE_DIR
    directory = tmp_path / "reviewed"
    directory.mkdir()
    held = subprocess.run(["git", "cat-file", "-e", f"{REVIEWED}^{{commit}}"], cwd=root)
    if held.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail(f"the git history must hold {REVIEWED}")
        pytest.skip(f"git history without {REVIEWED}")
    listed = subprocess.run(
        ["git", "ls-tree", "--name-only", f"{REVIEWED}:fixtures"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for name in [path.name for path in fixture_files(settings.MEMORIAL_FIXTURES_DIR)]:
        if name not in listed:
            continue  # a file added since: the reviewed site had none of its content
        shown = subprocess.run(
            ["git", "show", f"{REVIEWED}:fixtures/{name}"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        )
        (directory / name).write_text(shown.stdout, encoding="utf-8")
    shutil.copytree(settings.MEMORIAL_FIXTURES_DIR / "media", directory / "media")
    return directory


def test_untouched_objects_take_the_corrections_and_an_edited_one_is_kept(reviewed_fixtures):
    first = load_fixtures(reviewed_fixtures)
    assert first.created and not first.skipped
    troops = Event.objects.get(slug="soviet-troops-enter-baku")
    assert "131, 147 or 150" in troops.body_en

    # A curator rewrites the 2024 observances in the admin; the corrected fixture
    # changes the same record (the First Lady the cited source does not name).
    edited = Commemoration.objects.get(year=2024)
    assert "First Lady" in edited.observances_en
    curated = "President Ilham Aliyev laid a wreath at the Eternal Flame (curator's wording)."
    edited.observances_en = curated
    edited.save()

    report = load_fixtures(settings.MEMORIAL_FIXTURES_DIR)

    old, new = _entries(reviewed_fixtures), _entries(settings.MEMORIAL_FIXTURES_DIR)
    changed = {label for label in old.keys() & new.keys() if old[label] != new[label]}
    edited_label = "commemorations.commemoration 2024"
    assert edited_label in changed and len(changed) > 50
    assert report.skipped == [(edited_label, "changed by a curator since the last load")]
    assert set(report.updated) == changed - {edited_label}
    assert set(report.unchanged) == (old.keys() & new.keys()) - changed
    assert set(report.created) == new.keys() - old.keys()
    assert {"sources.source onenews-2026-president-wreath"} <= set(report.created)

    # The curator's text stands; the untouched objects say what the corrected fixtures say.
    edited.refresh_from_db()
    assert edited.observances_en == curated
    troops.refresh_from_db()
    assert "131, 147 or 150" not in troops.body_en
    assert troops.body_en == new["events.event soviet-troops-enter-baku"]["fields"]["body_en"]
    pogrom = Event.objects.get(slug="anti-armenian-pogrom-baku-1990")
    assert pogrom.title_az == "Bakıda ermənilərə qarşı poqrom başlayır"
    assert Figure.objects.get(key="moh-forensic-cases-84").scope_ru.startswith("Лица,")
    wreath = Commemoration.objects.get(year=2026)
    assert "On 18 January the President laid a wreath" in wreath.observances_en
    assert wreath.sources.filter(key="onenews-2026-president-wreath").exists()
    assert Source.objects.get(key="omm-2026").reliability == "medium"

    # Loading the corrected fixtures again changes nothing and still keeps the edit.
    again = load_fixtures(settings.MEMORIAL_FIXTURES_DIR)
    assert not again.created and not again.updated
    assert again.skipped == report.skipped
    edited.refresh_from_db()
    assert edited.observances_en == curated
