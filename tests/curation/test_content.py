"""The real content in fixtures/: it loads, it validates, and it round-trips."""

import datetime
import json

import pytest
from django.conf import settings
from django.core import serializers

from memorial.commemorations.models import Commemoration
from memorial.core import registry
from memorial.curation.loader import fixture_files, load_fixtures
from memorial.events.models import Event
from memorial.figures.models import Figure
from memorial.sources.models import Source

pytestmark = pytest.mark.django_db

#: Apps whose content only visitors send (letters, and the memories accepted from
#: them): no fixture holds any.
FROM_VISITORS = {"submissions"}


def fixture_models():
    """The content models the fixtures hold."""
    return [m for m in registry.content_models() if m._meta.app_label not in FROM_VISITORS]


def content_state():
    """Every content object, serialised with natural keys, bookkeeping left out."""
    state = {}
    for model in registry.content_models():
        label = model._meta.label
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
def loaded(real_content):
    """The content, loaded once for this module (tests/conftest.py), each test in its own
    savepoint: loading makes every illustration's renditions, which takes seconds."""
    return real_content


def test_every_fixture_file_is_present():
    """Each app with content has its file, named after the app."""
    names = [path.stem for path in fixture_files(settings.MEMORIAL_FIXTURES_DIR)]
    assert set(names) == {model._meta.app_label for model in fixture_models()}


def test_the_full_content_loads_and_every_object_validates(loaded):
    assert not loaded.skipped
    for model in fixture_models():
        assert model.objects.exists(), model._meta.label
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


def test_loaded_photos_get_their_renditions(loaded):
    """Fixture illustrations are served as renditions, never only as the original."""
    from memorial.photos.models import Photo

    for photo in Photo.objects.all():
        widths = {rendition["width"] for rendition in photo.renditions}
        assert widths and max(widths) <= photo.width
        assert {rendition["format"] for rendition in photo.renditions} >= {"webp", "jpeg"}


def test_the_real_content_on_the_public_pages(loaded, client):
    """The toll sets the official 131 beside the Ministry of Health's 170 of 9 February 1990."""
    from django.urls import reverse

    toll = client.get(reverse("figures:list")).content.decode()
    killed = toll[toll.index('id="killed"') :]
    killed = killed[: killed.index("</section>")]
    assert ">131<" in killed and ">170<" in killed
    assert "9 February 1990" in killed
    assert "Azerbaijan Marks 36th Anniversary of Black January Tragedy" in killed
    commemoration = client.get(reverse("commemorations:detail", kwargs={"year": 2026}))
    assert "36th anniversary" in commemoration.content.decode()
    home = client.get(reverse("pages:home")).content.decode()
    key_figures = home[home.index('<section class="key-figures"') :]
    assert ">131<" in key_figures[: key_figures.index("</section>")]
