"""The curators' side of the names: the import with its dry run, the duplicate warning, filters."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from memorial.curation.conflicts import VERSION_FIELD
from memorial.people.models import Person
from tests.curation.forms import admin_form_data

from .conftest import make_person

pytestmark = pytest.mark.django_db

HEADER = "slug,given_name_az,surname_az,given_name_en,surname_en,given_name_ru,surname_ru,on_monument,source,says,locator\n"
GOOD = "azer-guliyev,Azər,Quliyev,Azar,Guliyev,Азер,Гулиев,yes,names-source,Quliyev Azər,side A\n"
NO_SOURCE = "no-source,Eldar,Səmədov,Eldar,Samadov,Эльдар,Самедов,yes,,,\n"
UNKNOWN_SOURCE = "bad-source,Rauf,Əliyev,Rauf,Aliyev,Рауф,Алиев,yes,nowhere,Əliyev Rauf,\n"
BAD_CHOICE = (
    "bad-choice,Vüqar,Həsənov,Vugar,Hasanov,Вугар,Гасанов,perhaps,names-source,Həsənov Vüqar,\n"
)


def upload(client, text):
    return client.post(
        reverse("admin:people_person_import"),
        {"format": "0", "import_file": SimpleUploadedFile("names.csv", text.encode(), "text/csv")},
    )


def confirm(client, response):
    initial = response.context["confirm_form"].initial
    return client.post(reverse("admin:people_person_process_import"), initial)


def test_a_dry_run_shows_each_bad_row_and_writes_nothing(curator_client, source):
    """Rows without a source, with an unknown source or a wrong choice are refused one by one."""
    response = upload(curator_client, HEADER + GOOD + NO_SOURCE + UNKNOWN_SOURCE + BAD_CHOICE)
    html = response.content.decode()
    assert response.status_code == 200
    assert "no name without its source" in html
    assert "No source has the key “nowhere”" in html
    assert "perhaps" in html
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert not Person.objects.filter(
        slug__in=["azer-guliyev", "no-source", "bad-source", "bad-choice"]
    ).exists()


def test_a_good_file_is_previewed_then_loaded_as_drafts_with_their_source(curator_client, source):
    response = upload(curator_client, HEADER + GOOD)
    assert response.context["confirm_form"] is not None
    assert "Guliyev" in response.content.decode()
    assert not Person.objects.filter(slug="azer-guliyev").exists()
    confirm(curator_client, response)
    person = Person.objects.get(slug="azer-guliyev")
    assert (person.is_published, person.to_verify, person.on_monument) == (False, True, "yes")
    (attestation,) = person.attestations.all()
    assert (attestation.source, attestation.says, attestation.locator) == (
        source,
        "Quliyev Azər",
        "side A",
    )


def test_loading_again_never_overwrites_a_curators_edit(curator_client, source):
    """A second import of a changed row updates an untouched person, but not one a curator edited."""
    confirm(curator_client, upload(curator_client, HEADER + GOOD))
    changed = GOOD.replace("Guliyev,Азер", "Guliev,Азер")
    confirm(curator_client, upload(curator_client, HEADER + changed))
    assert Person.objects.get(slug="azer-guliyev").surname_en == "Guliev"
    person = Person.objects.get(slug="azer-guliyev")
    person.surname_en = "Guliyev (checked)"
    person.save()
    confirm(curator_client, upload(curator_client, HEADER + GOOD))
    assert Person.objects.get(slug="azer-guliyev").surname_en == "Guliyev (checked)"


def test_saving_a_probable_duplicate_warns_the_curator(curator_client, source):
    """Same folded name and the same birth year: the save goes through, with a warning."""
    make_person(
        source,
        slug="larisa-1",
        given_name_az="Larisa",
        surname_az="Məmmədova",
        birth_date=datetime.date(1977, 8, 11),
        birth_precision="day",
    )
    data = {
        "slug": "larisa-2",
        "given_name_en": "Larisa",
        "surname_en": "Mamedova",
        "given_name_ru": "Лариса",
        "surname_ru": "Мамедова",
        "sex": "female",
        "birth_date": "1977-01-01",
        "birth_precision": "year",
        "death_date": "1990-01-20",
        "death_precision": "day",
        "burial": "unknown",
        "recognised_martyr": "unknown",
        "on_monument": "unknown",
        "confidence": "medium",
        "attestations-TOTAL_FORMS": "1",
        "attestations-INITIAL_FORMS": "0",
        "attestations-MIN_NUM_FORMS": "1",
        "attestations-MAX_NUM_FORMS": "1000",
        "attestations-0-source": str(source.pk),
        "attestations-0-says": "Мамедова Лариса",
        "attestations-0-confidence": "medium",
        "attestations-0-sort_order": "0",
        "attestations-0-death_precision": "unknown",
    }
    response = curator_client.post(reverse("admin:people_person_add"), data, follow=True)
    assert Person.objects.filter(slug="larisa-2").exists(), response.context[
        "adminform"
    ].form.errors
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("Probably the same person as" in m and "larisa-1" in m for m in messages), messages
    data.update(slug="larisa-3", birth_date="1978-01-01")
    response = curator_client.post(reverse("admin:people_person_add"), data, follow=True)
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert not any("Probably the same person" in m for m in messages)


@pytest.mark.parametrize(
    "params",
    [
        {"confidence__exact": "low"},
        {"to_verify__exact": "1"},
        {"portrait": "no"},
        {"place": "Baku"},
        {"q": "Мамедова"},
    ],
)
def test_the_changelist_filters_open(curator_client, names, params):
    response = curator_client.get(reverse("admin:people_person_changelist"), params)
    assert response.status_code == 200


def test_curators_may_edit_people_and_attestations(curator):
    """The Curators group holds every right on the names, as on all content."""
    for action in ("add", "change", "delete", "view"):
        assert curator.has_perm(f"people.{action}_person")
        assert curator.has_perm(f"people.{action}_attestation")


def test_an_attestation_changed_meanwhile_stops_the_save_of_its_person_s_page(
    curator_client, names
):
    """A person's page edits the attestations inline: saving it with an attestation changed
    by someone else since it was opened is refused on that row, and nothing is saved."""
    person = names["ilham"]
    url = reverse("admin:people_person_change", args=[person.pk])
    page = curator_client.get(url)
    attestation = person.attestations.get()
    attestation.locator = "p. 12"
    attestation.save()

    mine = admin_form_data(page, occupation_en="Teacher")
    refused = curator_client.post(url, mine)
    assert refused.status_code == 200
    row = refused.context["inline_admin_formsets"][0].formset.forms[0]
    assert "Changed meanwhile: Page or locator." in " ".join(row.non_field_errors())
    person.refresh_from_db()
    attestation.refresh_from_db()
    assert person.occupation_en != "Teacher"
    assert attestation.locator == "p. 12"

    stored = row[VERSION_FIELD].value()
    again = curator_client.post(url, {**mine, row.add_prefix(VERSION_FIELD): stored})
    assert again.status_code == 302
    person.refresh_from_db()
    assert person.occupation_en == "Teacher"
