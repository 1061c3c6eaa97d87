"""The real content in fixtures/: it loads, it validates, and it round-trips."""

import datetime
import io
import json

import pytest
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command

from memorial.commemorations.models import Commemoration
from memorial.core.loader import FIXTURE_ORDER, copy_media, fixture_files, load_fixtures
from memorial.events.models import Event
from memorial.figures.models import Figure
from memorial.sources.models import Source

pytestmark = pytest.mark.django_db

CONTENT_MODELS = [
    "sources.Source",
    "events.Event",
    "figures.Figure",
    "photos.Photo",
    "articles.Article",
    "commemorations.Commemoration",
]


def content_state():
    """Every content object, serialised with natural keys, bookkeeping left out."""
    state = {}
    for label in CONTENT_MODELS:
        model = apps.get_model(label)
        for data in serializers.serialize(
            "python",
            model._default_manager.all(),
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
        ):
            fields = {
                k: v
                for k, v in data["fields"].items()
                if k not in {"created_at", "updated_at", "created_by", "updated_by"}
            }
            state[(label, json.dumps(fields, sort_keys=True, default=str))] = True
    return set(state)


@pytest.fixture
def loaded():
    return load_fixtures(settings.MEMORIAL_FIXTURES_DIR)


def test_every_fixture_file_is_present():
    names = {path.stem for path in fixture_files(settings.MEMORIAL_FIXTURES_DIR)}
    assert names == set(FIXTURE_ORDER)


def test_the_full_content_loads_and_every_object_validates(loaded):
    assert not loaded.skipped
    for label in CONTENT_MODELS:
        model = apps.get_model(label)
        assert model.objects.exists(), label
        for obj in model.objects.all():
            obj.full_clean()


def test_the_content_is_complete(loaded):
    """The fixtures carry the record the memorial promises."""
    assert Source.objects.count() >= 20
    assert Event.objects.count() >= 25
    years = Event.objects.values_list("start_date__year", flat=True)
    assert min(years) == 1986 and max(years) == 2026
    assert set(Commemoration.objects.values_list("year", flat=True)) == set(range(1991, 2027))
    assert Commemoration.objects.get(year=2026).anniversary == 36
    killed = Figure.objects.filter(quantity="killed")
    assert {131, 147, 170}.issubset(set(killed.values_list("value_low", flat=True)))
    assert Figure.objects.filter(quantity="recognised_martyrs", value_low=150).exists()
    omm_total = killed.get(value_low=131)
    assert sorted(omm_total.parts.values_list("value_low", flat=True)) == [8, 20, 21, 82]
    moh = killed.get(value_low=170)
    assert moh.as_of_date == datetime.date(1990, 2, 9)
    for value, quantity in [
        (744, "injured"),
        (841, "detained"),
        (112, "imprisoned_outside"),
        (200, "houses_fired_upon"),
        (80, "vehicles_fired_upon"),
        (706, "sought_medical_help"),
        (370, "injured"),
        (321, "missing"),
    ]:
        assert Figure.objects.filter(quantity=quantity, value_low=value).exists(), value
    # Every figure is tied to a source; translations are complete where it matters.
    assert not Figure.objects.filter(scope_az="").exists()
    assert not Event.objects.filter(title_ru="").exists()


def test_loading_the_content_twice_changes_nothing(loaded):
    before = content_state()
    report = load_fixtures(settings.MEMORIAL_FIXTURES_DIR)
    assert not report.created and not report.updated and not report.skipped
    assert content_state() == before


def test_plain_loaddata_works_on_an_empty_database():
    """With the illustrations copied into media storage, loaddata needs nothing else."""
    copy_media(settings.MEMORIAL_FIXTURES_DIR)
    files = [str(path) for path in fixture_files(settings.MEMORIAL_FIXTURES_DIR)]
    call_command("loaddata", *files, verbosity=0)
    assert Event.objects.count() >= 25


@pytest.mark.django_db(transaction=True)
def test_dumpdata_into_a_fresh_database_gives_back_the_same_data(loaded, tmp_path):
    before = content_state()
    out = io.StringIO()
    call_command(
        "dumpdata",
        *[label.lower() for label in CONTENT_MODELS],
        natural_foreign=True,
        natural_primary=True,
        stdout=out,
    )
    dump = tmp_path / "dump.json"
    dump.write_text(out.getvalue())
    call_command("flush", interactive=False, verbosity=0)
    assert not Event.objects.exists()
    call_command("loaddata", str(dump), verbosity=0)
    assert content_state() == before
