"""The wall and a person's page stay within their query and size budgets at 1,500 names."""

import datetime
import gzip

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from memorial.people.models import Attestation, Person

pytestmark = pytest.mark.django_db

#: Names in Azerbaijani, English and Russian, long enough to be realistic.
GIVEN = [
    ("Əbülfəz", "Abulfaz", "Абульфаз"),
    ("Şahin", "Shahin", "Шахин"),
    ("İlqar", "Ilgar", "Ильгар"),
]
SURNAMES = [
    ("Məmmədov", "Mammadov", "Мамедов"),
    ("Allahverdiyev", "Allahverdiyev", "Аллахвердиев"),
    ("Hüseynov", "Huseynov", "Гусейнов"),
    ("Qeybullayev", "Geybullayev", "Гейбуллаев"),
]


def make_many(count, source):
    """`count` published people, each attested, written with bulk_create."""
    people = []
    for n in range(count):
        given, surname = GIVEN[n % len(GIVEN)], SURNAMES[n % len(SURNAMES)]
        people.append(
            Person(
                slug=f"bulk-person-{n}",
                given_name_az=given[0],
                given_name_en=given[1],
                given_name_ru=given[2],
                surname_az=f"{surname[0]}{n}",
                surname_en=f"{surname[1]}{n}",
                surname_ru=f"{surname[2]}{n}",
                death_date=datetime.date(1990, 1, 20 + n % 7),
                death_precision="day",
                age=15 + n % 50,
                place_of_death_en=f"Place {n % 30}",
                place_of_death_az=f"Yer {n % 30}",
                place_of_death_ru=f"Место {n % 30}",
                confidence="high",
                is_published=True,
            )
        )
    Person.objects.bulk_create(people)
    Attestation.objects.bulk_create(
        Attestation(person=person, source=source, says="Named.")
        for person in Person.objects.filter(slug__startswith="bulk-person-")
    )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("language", ["az", "en", "ru"])
def test_the_wall_and_a_person_page_run_a_fixed_number_of_queries(
    client, names, source, language, django_assert_max_num_queries
):
    """At most ten queries each, and the same number with 1,500 more people."""
    from django.utils import translation

    with translation.override(language):
        place = {"az": "Bakı", "en": "Baku", "ru": "Баку"}[language]
        urls = [
            reverse("people:wall"),
            reverse("people:wall") + f"?age=child&place={place}",
            names["ilham"].get_absolute_url(),
        ]
    before = [count_queries(client, url) for url in urls]
    make_many(1500, source)
    after = [count_queries(client, url) for url in urls]
    assert after == before
    for url in urls:
        with django_assert_max_num_queries(10):
            client.get(url)


def test_the_wall_of_1500_names_is_within_60_kb_compressed(client, names, source):
    make_many(1500, source)
    response = client.get(reverse("people:wall"))
    body = response.content
    assert body.count(b'href="/en/names/bulk-person-') == 1500
    assert len(gzip.compress(body)) <= 60 * 1024, len(gzip.compress(body))
