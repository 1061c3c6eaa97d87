import datetime

import pytest

from tests import factories
from tests.browser.test_public import axe_source  # noqa: F401
from tests.curation.conftest import curator, curator_client  # noqa: F401
from tests.factories import make_person


@pytest.fixture
def source(db):
    return factories.make_source(key="names-source", title="A list of the dead")


@pytest.fixture
def names(db, source):
    """A few people: Azerbaijani names whose order differs from the Latin one, a draft, a grave."""
    people = {
        "ilham": make_person(
            source,
            slug="ilham-allahverdiyev",
            given_name_az="İlham",
            surname_az="Allahverdiyev",
            given_name_en="Ilham",
            surname_en="Allahverdiyev",
            given_name_ru="Ильхам",
            surname_ru="Аллахвердиев",
            birth_date=datetime.date(1962, 6, 12),
            birth_precision="day",
            occupation_en="Lathe operator",
        ),
        "larisa": make_person(
            source,
            slug="larisa-mammadova",
            given_name_az="Larisa",
            surname_az="Məmmədova",
            given_name_en="Larisa",
            surname_en="Mammadova",
            given_name_ru="Лариса",
            surname_ru="Мамедова",
            age_stated=13,
        ),
        "cabbarov": make_person(
            source,
            slug="firuz-jabbarov",
            given_name_az="Firuz",
            surname_az="Cabbarov",
            given_name_en="Firuz",
            surname_en="Jabbarov",
            given_name_ru="Фируз",
            surname_ru="Джаббаров",
            death_date=datetime.date(1990, 1, 1),
            death_precision="month",
        ),
        "caferov": make_person(
            source,
            slug="abulfaz-jafarov",
            given_name_az="Əbülfəz",
            surname_az="Cəfərov",
            given_name_en="Abulfaz",
            surname_en="Jafarov",
            given_name_ru="Абульфаз",
            surname_ru="Джафаров",
            death_date=datetime.date(1990, 1, 25),
            place_of_death_en="Neftchala",
            place_of_death_az="Neftçala",
            place_of_death_ru="Нефтечала",
        ),
        "draft": make_person(
            source,
            slug="to-verify",
            given_name_en="Draft",
            surname_en="Person",
            is_published=False,
            to_verify=True,
            confidence="low",
        ),
        "grave": make_person(
            source,
            slug="unknown-grave-1",
            given_name_en="Unknown",
            given_name_az="Naməlum",
            given_name_ru="Неизвестный",
            surname_en="",
            surname_az="",
            surname_ru="",
            is_unidentified=True,
        ),
    }
    return people
