"""The names in fixtures/people.json: they load, they validate, and they keep NAMES.md's rules."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from memorial.core.text import search_key
from memorial.people.models import Attestation, Person

pytestmark = pytest.mark.django_db

FIXTURES = Path(settings.MEMORIAL_FIXTURES_DIR)
NAMES_MD = Path(settings.BASE_DIR).parent / "shared" / "content" / "NAMES.md"


@pytest.fixture
def people():
    call_command(
        "loaddata",
        *(FIXTURES / f"{name}.json" for name in ("sources", "events", "figures", "people")),
        verbosity=0,
    )
    # loaddata writes rows as they are; saving works out what the loader's save() derives.
    for person in Person.objects.all():
        person.save()
    return Person.objects.all()


def fixture_people():
    return [
        o["fields"]
        for o in json.loads((FIXTURES / "people.json").read_text())
        if o["model"] == "people.person"
    ]


def test_every_person_and_attestation_loads_and_validates(people):
    """Each record passes full_clean() and every person is attested by at least one source."""
    assert people.count() == 51
    for person in people:
        person.full_clean()
        assert person.attestations.exists(), person.slug
    for attestation in Attestation.objects.all():
        attestation.full_clean()


def test_the_45_named_people_the_four_graves_and_two_partial_names(people):
    """45 named people, four unidentified graves dated 20.01.1990, two first names only."""
    graves = people.filter(is_unidentified=True)
    assert graves.count() == 4
    assert {(p.death_date.isoformat(), p.burial) for p in graves} == {("1990-01-20", "alley")}
    partial = people.filter(is_unidentified=False, surname_en="")
    assert set(partial.values_list("given_name_en", flat=True)) == {"Nariman", "Ilham"}
    assert people.filter(is_unidentified=False).exclude(surname_en="").count() == 45


def test_only_high_and_medium_records_are_published(people):
    """Low-confidence rows and partial names are unpublished and marked to verify."""
    for person in people:
        if person.confidence == "low" or not person.surname_en and not person.is_unidentified:
            assert not person.is_published and person.to_verify, person.slug
        else:
            assert person.is_published and not person.to_verify, person.slug
    assert set(people.filter(to_verify=True).values_list("slug", flat=True)) == {
        "elchin-mirzoyev",
        "shamsaddin-orujov",
        "ilgar-ibrahimov",
        "ibrahim-ibrahimov",
        "ismayil-mirsagulov",
        "svetlana-mammadova",
        "nariman-grandson-of-nariman",
        "ilham-yasamal-cemetery",
    }


def test_every_name_is_given_in_three_languages(people):
    """Every published person has a name in Azerbaijani, English and Russian, Russian in Cyrillic."""
    for person in people.filter(is_published=True):
        for code in ("az", "en", "ru"):
            assert getattr(person, f"given_name_{code}"), (person.slug, code)
        assert re.search("[а-яё]", person.given_name_ru.lower()), person.slug


def test_conflicting_ages_and_dates_are_kept_with_their_sources(people):
    """Vera Bessantina's two ages and Vəfadar Eminov's two dates each stay with their source."""
    vera = people.get(slug="vera-bessantina")
    ages = dict(
        vera.attestations.filter(stated_age__isnull=False).values_list("source__key", "stated_age")
    )
    assert set(ages.values()) == {16, 17} and ages["azertag-920883"] == 16
    eminov = people.get(slug="vafadar-eminov")
    dates = set(eminov.attestations.exclude(death_date=None).values_list("death_date", flat=True))
    assert {d.day for d in dates} == {20, 21}


def test_age_is_worked_out_from_the_dates_when_both_are_known(people):
    """Allahverdiyev: born 12.6.1962, killed 20.1.1990, so 27; Larisa's 13 is as stated."""
    assert people.get(slug="ilham-allahverdiyev").age == 27
    assert people.get(slug="larisa-mammadova").age == 13


def excluded_names():
    """The names of NAMES.md §1c: people who must never be listed as killed."""
    section = NAMES_MD.read_text().split("## 1c.", 1)[1].split("\n## ", 1)[0]
    names = set()
    for line in section.splitlines():
        if not line.startswith("* "):
            continue
        text = line[2:].replace("**", "")
        if "items 4–12:" in text:
            listed = text.split("items 4–12:", 1)[1].split(")", 1)[0]
        else:
            label, _, rest = text.partition(":")
            listed = rest if label.startswith(("Survivors", "Relatives")) else label
        listed = re.sub(r"\([^)]*\)", "", listed)
        for part in re.split(r"[,;/]", listed):
            part = part.strip(" .").removeprefix("Prof. ")
            if " and " in part:
                first, second = (side.strip() for side in part.split(" and ", 1))
                if len(first.split()) == 1 and len(second.split()) == 2:
                    first = f"{first} {second.split()[1]}"
                names.update({first, second})
            elif part:
                names.add(part)
    return names


def test_the_excluded_names_are_read_from_names_md():
    """The guard reads §1c itself: the Todan dead, the survivors, relatives and living title holders."""
    names = excluded_names()
    expected = {
        "Рузигяр Гасымов",
        "Əjdər Xanbabayev",
        "Назим Алекперов",
        "Parlaq Mustafayeva",
        "Elxan Allahverdiyev",
        "Fuad İmanov",
        "Beydulla İmanov",
        "Izzet Rustamov",
        "Ağayev Bəxtiyar",
        "Fərziyev Məhəmməd",
    }
    assert expected <= names
    assert len(names) == 3 + 1 + 5 + 13 + 9


def test_nobody_excluded_by_names_md_is_a_person_in_the_fixtures():
    """No one from NAMES.md §1c appears in the fixtures as a person, in any language or word order."""
    people_keys = set()
    for fields in fixture_people():
        for code in ("az", "en", "ru"):
            given, surname = fields[f"given_name_{code}"], fields[f"surname_{code}"]
            people_keys.add(search_key(given, surname))
            people_keys.add(search_key(surname, given))
        people_keys.add(search_key(fields["name_as_written"]))
    for name in excluded_names():
        words = search_key(name).split()
        assert search_key(*words) not in people_keys, name
        assert search_key(*reversed(words)) not in people_keys, name
