"""Abuse controls with no third party: a honeypot, a minimum fill time, a per-address limit."""

import time

import pytest
from django.urls import reverse

from memorial.submissions.models import Submission
from tests.submissions.conftest import letter, shown_ago

pytestmark = pytest.mark.django_db


def url(person):
    return f"{reverse('submissions:new')}?person={person.slug}"


def test_the_honeypot_field_is_hidden_from_people_and_refuses_robots(client, person):
    page = client.get(url(person)).content.decode()
    assert 'class="field trap" aria-hidden="true"' in page
    response = client.post(url(person), letter(website="https://spam.example"))
    assert response.status_code == 400
    assert not Submission.objects.exists()


@pytest.mark.parametrize("shown", ["", "1733380000", "not-a-token", "MTIzNDU2Nzg5MA:bad:sig"])
def test_a_post_without_the_forms_own_stamp_is_refused(client, person, shown):
    response = client.post(url(person), letter(shown=shown))
    assert response.status_code == 400
    assert "shown" in response.context["form"].errors
    assert not Submission.objects.exists()


def test_a_form_left_open_for_more_than_a_day_is_sent_again_with_nothing_lost(client, person):
    response = client.post(url(person), letter(shown=shown_ago(25 * 3600)))
    assert response.status_code == 400
    assert "He taught me to ride a bicycle" in response.content.decode()
    # The form comes back with a fresh stamp: sending it again (after a while) works.
    fresh = response.context["form"].data["shown"]
    assert fresh != letter()["shown"]


def test_five_an_hour_from_one_address_then_a_calm_refusal_that_keeps_the_text(
    client, person, settings
):
    for _ in range(settings.MEMORIAL_SUBMISSIONS_PER_HOUR):
        assert client.post(url(person), letter()).status_code == 302
    response = client.post(url(person), letter(text="One more memory of him."))
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "One more memory of him." in response.content.decode()
    assert Submission.objects.count() == settings.MEMORIAL_SUBMISSIONS_PER_HOUR
    # Someone else, at another address, is not held back.
    other = client.post(url(person), letter(), REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 302


def test_a_refused_post_touches_no_database(client, person, settings, django_assert_num_queries):
    settings.MEMORIAL_SUBMISSIONS_PER_HOUR = 1
    client.post(url(person), letter())
    with django_assert_num_queries(0):
        # The person is looked up only once the post is allowed.
        response = client.post(reverse("submissions:new"), letter(kind="name", name_sent="X"))
    assert response.status_code == 429


def test_invalid_posts_count_too_so_a_robot_cannot_make_the_site_work_forever(
    client, person, settings
):
    limit = settings.MEMORIAL_SUBMISSIONS_PER_HOUR * 3
    statuses = [client.post(url(person), letter(website="x")).status_code for _ in range(limit + 5)]
    assert statuses[:limit] == [400] * limit
    assert statuses[limit:] == [429] * 5


def test_a_flood_of_a_thousand_posts_from_one_address_keeps_a_handful(client, person, settings):
    """Figures are printed for the report; only the counts are asserted.

    A refused post is measured beside a person's page rendered for another
    visitor (the page cache is off in tests, so each is a full rendering).
    """
    other = "198.51.100.23"
    page = person.get_absolute_url()
    started = time.perf_counter()
    for _ in range(50):
        client.get(page, REMOTE_ADDR=other)
    before = (time.perf_counter() - started) / 50
    started = time.perf_counter()
    statuses = [
        client.post(url(person), letter(text=f"Flood {n}")).status_code for n in range(1000)
    ]
    elapsed = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(50):
        assert client.get(page, REMOTE_ADDR=other).status_code == 200
    after = (time.perf_counter() - started) / 50
    kept = Submission.objects.count()
    print(
        f"\nflood: 1000 posts in {elapsed:.2f} s ({elapsed:.2f} ms a post), "
        f"{kept} kept, {statuses.count(429)} refused with 429; another visitor's "
        f"person page: {before * 1000:.1f} ms before, {after * 1000:.1f} ms after"
    )
    assert kept == settings.MEMORIAL_SUBMISSIONS_PER_HOUR
    assert statuses.count(302) == kept
    assert statuses.count(429) == 1000 - kept
