"""The page cache: fast for visitors, never stale after a curator's change, never personal."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from memorial.events.models import Event
from memorial.web import cache as page_caching
from memorial.web.cache import content_version, seconds_until_next_publication
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.MEMORIAL_PAGE_CACHE_SECONDS = 600


def test_anonymous_pages_are_cached_and_sent_with_public_headers(client):
    factories.make_event(title_en="Soviet troops enter Baku")
    url = reverse("events:list")
    first = client.get(url)
    second = client.get(url)
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "public" in second["Cache-Control"] and "must-revalidate" in second["Cache-Control"]
    assert second.has_header("ETag")
    assert not second.cookies


def test_a_conditional_request_gets_304(client):
    factories.make_event()
    url = reverse("events:list")
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304


def test_a_change_makes_every_page_fresh(client, django_capture_on_commit_callbacks):
    event = factories.make_event(title_en="Before the change")
    url = reverse("events:list")
    assert b"Before the change" in client.get(url).content
    with django_capture_on_commit_callbacks(execute=True):
        event.title_en = "After the change"
        event.save()
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert b"After the change" in response.content


def test_bulk_updates_and_m2m_changes_bump_the_version(django_capture_on_commit_callbacks):
    event = factories.make_event()
    version = content_version()
    with django_capture_on_commit_callbacks(execute=True):
        Event.objects.filter(pk=event.pk).update(is_published=False)
    assert content_version() > version
    version = content_version()
    with django_capture_on_commit_callbacks(execute=True):
        event.sources.add(factories.make_source())
    assert content_version() > version


def test_signed_in_staff_are_never_served_or_stored_in_the_cache(client):
    factories.make_event(title_en="Published")
    factories.make_event(title_en="A draft", is_published=False)
    staff = User.objects.create_user("curator", password="a-long-password-1990", is_staff=True)
    client.force_login(staff)
    url = reverse("events:list") + "?preview=1"
    response = client.get(url)
    assert not response.has_header("X-Page-Cache")
    assert "private" in response["Cache-Control"]
    assert b"A draft" in response.content
    client.logout()
    anonymous = client.get(url)
    assert b"A draft" not in anonymous.content


def test_pages_expire_at_the_next_scheduled_publication():
    soon = timezone.now() + datetime.timedelta(hours=1)
    factories.make_event(published_at=soon)
    remaining = seconds_until_next_publication(content_version())
    assert 3500 < remaining <= 3600


def test_no_scheduled_publication_means_no_deadline():
    factories.make_event()
    assert seconds_until_next_publication(content_version()) is None


class OtherRequest:
    """Another app process rendering the same page: it holds the claim the cache keeps."""

    def __init__(self, url):
        self.cache = cache
        self.key = page_caching._page_key(RequestFactory().get(url), content_version())
        self.claim = page_caching.RENDERING_KEY.format(key=self.key)
        assert cache.add(self.claim, page_caching.CLAIMED)

    def finish(self, page=None):
        if page is not None:
            self.cache.set(self.key, (page, 200, {"Content-Type": "text/html; charset=utf-8"}))
        self.cache.delete(self.claim)


@pytest.fixture
def waits(monkeypatch):
    """Replaces the pause between two looks at the cache; `then` runs at the first pause."""
    calls = []

    def pause(seconds):
        calls.append(seconds)
        if len(calls) == 1 and pause.then:
            pause.then()

    pause.then = None
    monkeypatch.setattr(page_caching, "sleep", pause)
    return pause, calls


def test_a_request_is_served_the_page_another_request_is_rendering(client, waits):
    """After a change, the requests arriving during a page's rendering do not render it again."""
    factories.make_event(title_en="Soviet troops enter Baku")
    url = reverse("events:list")
    other = OtherRequest(url)
    pause, calls = waits
    pause.then = lambda: other.finish(b"<p>the page the other request rendered</p>")
    response = client.get(url)
    assert calls, "the request did not wait"
    assert response.content == b"<p>the page the other request rendered</p>"
    assert response["X-Page-Cache"] == "hit"


def test_a_request_renders_the_page_itself_when_the_other_stored_nothing(client, waits):
    """The other request's answer was not cacheable (a 404, an error): render here, at once."""
    factories.make_event(title_en="Soviet troops enter Baku")
    url = reverse("events:list")
    other = OtherRequest(url)
    pause, calls = waits
    pause.then = other.finish
    response = client.get(url)
    assert len(calls) == 1
    assert response["X-Page-Cache"] == "miss"
    assert b"Soviet troops enter Baku" in response.content


def test_a_request_stops_waiting_for_a_rendering_that_never_ends(client, settings, waits):
    """The other process may have died: after the wait, the page is rendered here."""
    settings.MEMORIAL_PAGE_CACHE_WAIT_SECONDS = 0.05
    factories.make_event(title_en="Soviet troops enter Baku")
    url = reverse("events:list")
    other = OtherRequest(url)
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert b"Soviet troops enter Baku" in response.content
    # The claim is the other request's: it is left for that request (or its expiry).
    assert other.cache.get(other.claim) == page_caching.CLAIMED


def test_the_rendering_request_gives_up_its_claim_once_the_page_is_stored(client):
    url = reverse("events:list")
    client.get(url)
    key = page_caching._page_key(RequestFactory().get(url), content_version())
    assert cache.get(page_caching.RENDERING_KEY.format(key=key)) is None
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_an_answer_that_is_not_kept_is_marked_so_nobody_waits_for_it(client, waits):
    """A 404 is not stored: until the next change, requests for it neither claim nor wait."""
    url = "/en/no-such-page/"
    assert client.get(url).status_code == 404
    key = page_caching._page_key(RequestFactory().get(url), content_version())
    assert cache.get(page_caching.RENDERING_KEY.format(key=key)) == page_caching.PASS
    _pause, calls = waits
    assert client.get(url).status_code == 404
    assert not calls
    assert cache.get(page_caching.RENDERING_KEY.format(key=key)) == page_caching.PASS


def test_a_failed_rendering_is_not_marked_so_the_next_request_claims_it_again(client):
    """A 503 while the database is away is not the page: after it, requests coalesce again."""
    request = RequestFactory().get("/en/timeline/")
    request.COOKIES = {}
    middleware = page_caching.PageCacheMiddleware(lambda request: HttpResponse(status=503))
    assert middleware(request).status_code == 503
    key = page_caching._page_key(request, content_version())
    assert cache.get(page_caching.RENDERING_KEY.format(key=key)) is None
