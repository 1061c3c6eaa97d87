"""A person's record: constraints in the database, derived age and name key, remembrance days."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from memorial.people.models import Attestation, Person

from .conftest import make_person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "changes",
    [
        {"sex": "other"},
        {"confidence": "certain"},
        {"burial": "sea"},
        {"recognised_martyr": "maybe"},
        {"on_monument": "maybe"},
        {"given_name_en": " ", "surname_en": ""},
        {"birth_date": datetime.date(1991, 1, 1), "birth_precision": "day"},
        {"death_precision": "unknown"},
        {"to_verify": True},
        {"age_stated": 300},
    ],
)
def test_the_database_refuses_what_a_form_would(source, changes):
    """Choices, names, date order, precision and "no unverified record in public" hold in the database."""
    person = make_person(source)
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.filter(pk=person.pk).update(**changes)


def test_a_source_names_a_person_only_once(source):
    person = make_person(source)
    with pytest.raises(IntegrityError), transaction.atomic():
        Attestation.objects.create(person=person, source=source, says="Again.")


def test_an_attestation_must_say_something(source):
    person = make_person()
    with pytest.raises(IntegrityError), transaction.atomic():
        Attestation.objects.create(person=person, source=source, says="  ")


def test_full_clean_explains_what_is_wrong(source):
    """A record to verify cannot be published; a recognition needs its source."""
    person = make_person(source, to_verify=False)
    person.to_verify = True
    person.recognised_martyr = "yes"
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert set(error.value.message_dict) >= {"is_published", "recognition_source"}


def test_age_is_derived_from_dates_known_to_the_day_else_stated(source):
    """Born 12.6.1962, killed 20.1.1990: 27. With a birth year only, the stated age stands."""
    exact = make_person(source, birth_date=datetime.date(1962, 6, 12), birth_precision="day")
    assert exact.age == 27 and exact.age_is_derived
    stated = make_person(
        source, birth_date=datetime.date(1972, 1, 1), birth_precision="year", age_stated=17
    )
    assert stated.age == 17 and not stated.age_is_derived
    assert make_person(source).age is None


def test_the_name_key_is_the_same_in_every_spelling(source):
    """Məmmədova, Mammadova and Мамедова fold to the same key."""
    keys = {
        make_person(
            source, given_name_az="", surname_az=surname, given_name_en="", surname_en=surname
        ).name_key
        for surname in ("Məmmədova", "Mammadova", "Мамедова")
    }
    assert len(keys) == 1


def test_remembered_on_finds_birthdays_and_days_of_death_known_to_the_day(source):
    born = make_person(source, birth_date=datetime.date(1970, 8, 11), birth_precision="day")
    make_person(source, birth_date=datetime.date(1970, 8, 1), birth_precision="month")
    killed = make_person(source, death_date=datetime.date(1990, 1, 25))
    assert list(Person.objects.remembered_on(datetime.date(2026, 8, 11))) == [born]
    assert list(Person.objects.remembered_on(datetime.date(2026, 1, 25))) == [killed]


def test_attestations_are_public_only_with_their_person(source):
    shown = make_person(source)
    make_person(source, is_published=False)
    assert {a.person_id for a in Attestation.objects.published()} == {shown.pk}


def test_changes_are_kept_in_the_history(source):
    person = make_person(source)
    person.occupation_en = "Teacher"
    person.save()
    assert person.history.count() == 2
