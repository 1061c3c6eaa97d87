"""The form works from pages the page cache serves: no CSRF token is ever frozen into one."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from memorial.submissions.models import Submission
from tests.submissions.conftest import letter

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def page_cache(settings):
    settings.MEMORIAL_PAGE_CACHE_SECONDS = 600
    settings.MEMORIAL_SUBMISSION_MIN_SECONDS = 0
    return settings


def form_link(page):
    return re.search(r'href="([^"]*/write/[^"]*)"', page).group(1).replace("&amp;", "&")


def test_a_post_made_from_a_cached_person_page_succeeds(page_cache, person):
    """Two visitors reach the form from the same cached page; each posts with a token of their own."""
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page_url = person.get_absolute_url()
    assert first.get(page_url)["X-Page-Cache"] == "miss"
    cached = second.get(page_url)
    assert cached["X-Page-Cache"] == "hit"
    page = cached.content.decode()
    assert "csrfmiddlewaretoken" not in page
    assert "Set-Cookie" not in cached.headers and not cached.cookies
    url = form_link(page)
    assert url == f"{reverse('submissions:new')}?person={person.slug}"
    forms = [first.get(url), second.get(url)]
    tokens = []
    for response in forms:
        assert response["X-Page-Cache"] == "miss"  # never served from the cache
        assert "no-store" in response["Cache-Control"]
        tokens.append(TOKEN.search(response.content.decode()).group(1))
    assert tokens[0] != tokens[1]
    response = second.post(url, {**letter(), "csrfmiddlewaretoken": tokens[1]})
    assert response.status_code == 302
    assert Submission.objects.get().person == person


def test_the_form_page_is_never_kept_however_often_it_is_asked_for(page_cache, person):
    url = f"{reverse('submissions:new')}?person={person.slug}"
    keys_before = set(cache._cache.keys())
    for _ in range(3):
        assert Client().get(url)["X-Page-Cache"] == "miss"
    assert not any(key for key in set(cache._cache.keys()) - keys_before if "page:" in key)


def test_a_token_from_another_visitors_page_is_refused(page_cache, person):
    """What a frozen token would do: a page kept with one visitor's token fails for the next."""
    url = f"{reverse('submissions:new')}?person={person.slug}"
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    frozen = TOKEN.search(first.get(url).content.decode()).group(1)
    response = second.post(url, {**letter(), "csrfmiddlewaretoken": frozen})
    assert response.status_code == 403
    assert not Submission.objects.exists()


def test_a_post_made_from_the_cached_wall_sends_a_missing_name(page_cache, person):
    visitor = Client(enforce_csrf_checks=True)
    Client().get(reverse("people:wall"))
    cached = visitor.get(reverse("people:wall"))
    assert cached["X-Page-Cache"] == "hit"
    url = form_link(cached.content.decode())
    token = TOKEN.search(visitor.get(url).content.decode()).group(1)
    response = visitor.post(
        url,
        {**letter(kind="name", name_sent="Əli Hüseynov"), "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert Submission.objects.get().name_sent == "Əli Hüseynov"
