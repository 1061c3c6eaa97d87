"""The wall's list and a person's previous and next name are kept rendered under the
content version: a second visit reads neither the wall nor its counts again, and a
change shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .conftest import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fragments_kept(settings):
    settings.MEMORIAL_FRAGMENT_CACHE_SECONDS = 600


def visit(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), [query["sql"] for query in captured]


@pytest.mark.parametrize("params", ["", "?age=child", "?place=Neftchala"])
def test_a_kept_wall_gives_the_same_page_without_reading_the_names(client, names, params):
    url = reverse("people:wall") + params
    first_html, first = visit(client, url)
    second_html, second = visit(client, url)
    assert second_html == first_html
    assert len(second) < len(first)
    # At most the given filter's choices are read again, to check it: no name, no count;
    # without a filter, nothing.
    assert not any("COUNT(" in sql.upper() or "given_name" in sql for sql in second), second
    assert len(second) == (1 if "place" in params else 0), second


def test_each_filter_of_the_wall_is_kept_apart(client, names):
    every, _ = visit(client, reverse("people:wall"))
    children, _ = visit(client, reverse("people:wall") + "?age=child")
    assert "Jafarov" in every and "Jafarov" not in children
    assert "Mammadova" in children


def test_a_kept_person_page_reads_only_the_person(client, names):
    url = names["larisa"].get_absolute_url()
    first_html, first = visit(client, url)
    second_html, second = visit(client, url)
    assert second_html == first_html
    assert 'rel="prev"' in second_html or 'rel="next"' in second_html
    assert "What the sources say" in second_html
    # The person: not the wall, the attestations, the photos, the events or the figures;
    # the JSON-LD is kept too.
    assert len(second) == 1, second
    assert len(first) > 2


def test_a_new_name_shows_on_the_wall_and_beside_its_neighbours_at_once(
    client, names, source, django_capture_on_commit_callbacks
):
    larisa = names["larisa"].get_absolute_url()
    visit(client, reverse("people:wall"))
    visit(client, larisa)
    with django_capture_on_commit_callbacks(execute=True):
        make_person(
            source,
            slug="kamil-mammadli",
            given_name_en="Kamil",
            surname_en="Mammadli",
            given_name_az="Kamil",
            surname_az="Məmmədli",
        )
    wall, _ = visit(client, reverse("people:wall"))
    assert "Mammadli Kamil" in wall
    page, _ = visit(client, larisa)
    assert "Mammadli Kamil" in page
