"""The page cache: fast for visitors, never stale after a curator's change, never personal."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver, reverse
from django.utils import timezone

from memorial.events.models import Event
from memorial.web import cache as page_caching
from memorial.web.cache import content_version, seconds_until_next_publication
from tests import factories
from tests.pages.conftest import memorial_content  # noqa: F401
from tests.pages.test_queries import PAGES

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
        self.key, _kept, _read = page_caching._page_key(RequestFactory().get(url))
        self.claim = page_caching.RENDERING_KEY.format(key=self.key)
        assert cache.add(self.claim, page_caching.CLAIMED)

    def finish(self, page=None):
        if page is not None:
            headers = {"Content-Type": "text/html; charset=utf-8"}
            self.cache.set(self.key, (content_version(), page, 200, headers))
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
    key, _kept, _read = page_caching._page_key(RequestFactory().get(url))
    assert cache.get(page_caching.RENDERING_KEY.format(key=key)) is None
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_an_answer_that_is_not_kept_leaves_nothing_in_the_cache(client):
    """A 404 is not stored, and no mark of it either: made-up addresses cost no memory."""
    url = "/en/no-such-page/"
    assert client.get(url).status_code == 404
    key, _kept, _read = page_caching._page_key(RequestFactory().get(url))
    assert cache.get(key) is None
    assert cache.get(page_caching.RENDERING_KEY.format(key=key)) is None


def test_a_failed_rendering_releases_its_claim_so_the_next_request_claims_it_again(client):
    """A 503 while the database is away is not the page: after it, requests coalesce again."""
    request = RequestFactory().get("/en/timeline/")
    request.COOKIES = {}
    middleware = page_caching.PageCacheMiddleware(lambda request: HttpResponse(status=503))
    assert middleware(request).status_code == 503
    key, _kept, _read = page_caching._page_key(request)
    assert cache.get(key) is None
    assert cache.get(page_caching.RENDERING_KEY.format(key=key)) is None


def test_a_hit_is_answered_before_the_middleware_it_does_not_need(settings):
    """Only the request id, the size limit and the HTTPS redirect run before a hit."""
    position = settings.MIDDLEWARE.index("memorial.web.cache.PageCacheMiddleware")
    assert settings.MIDDLEWARE[:position] == [
        "memorial.web.observability.RequestIdMiddleware",
        "memorial.web.limits.RequestSizeLimitMiddleware",
        "django.middleware.security.SecurityMiddleware",
    ]


@pytest.mark.parametrize(
    "url",
    [
        "/en/timeline/",
        "/az/timeline/",
        "/en/data/events.csv",
        "/en/data/events.json",
        "/en/data/datapackage.json",
        "/en/data/",
        "/en/20-january.ics",
        "/en/articles/feed.rss",
        "/en/articles/feed.atom",
        "/sitemap.xml",
        "/robots.txt",
    ],
)
def test_a_hit_carries_every_header_the_miss_carried(client, url):
    """CORS, Content-Disposition, the policies, Cache-Control, ETag: stored with the page."""
    factories.make_event(title_en="Soviet troops enter Baku")
    miss = client.get(url)
    hit = client.get(url)
    assert (miss.status_code, miss["X-Page-Cache"], hit["X-Page-Cache"]) == (200, "miss", "hit")
    assert hit.content == miss.content
    per_answer = {"X-Page-Cache", "X-Request-ID"}
    assert {k: v for k, v in hit.items() if k not in per_answer} == {
        k: v for k, v in miss.items() if k not in per_answer
    }
    assert miss.has_header("Content-Security-Policy") and miss.has_header("ETag")


def test_open_data_hits_keep_cors_and_the_file_name(client):
    factories.make_event()
    client.get("/en/data/events.csv")
    hit = client.get("/en/data/events.csv")
    assert hit["X-Page-Cache"] == "hit"
    assert hit["Access-Control-Allow-Origin"] == "*"
    assert hit["Content-Disposition"] == 'inline; filename="events.csv"'


def test_a_conditional_request_for_a_cached_page_gets_304(client):
    factories.make_event()
    url = reverse("events:list")
    etag = client.get(url)["ETag"]
    response = client.get(url, headers={"if-none-match": etag})
    assert (response.status_code, response["X-Page-Cache"]) == (304, "hit")


def test_parameters_a_page_does_not_read_are_served_the_page_without_them(client):
    """Tracking parameters share the page's entry; an answer rendered for one is not kept."""
    factories.make_event(title_en="Soviet troops enter Baku")
    url = reverse("events:list")
    assert client.get(url + "?utm_source=a")["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "miss"
    tracked = client.get(url + "?utm_source=b&fbclid=c")
    assert tracked["X-Page-Cache"] == "hit"
    assert b"Soviet troops enter Baku" in tracked.content


def test_parameters_a_page_reads_make_a_page_of_their_own(client):
    factories.make_event(title_en="Soviet troops enter Baku", kind="main")
    factories.make_event(title_en="A witness remembers", kind="context")
    url = reverse("events:list")
    client.get(url)
    narrowed = client.get(url + "?kind=context")
    assert narrowed["X-Page-Cache"] == "miss"
    assert b"A witness remembers" in narrowed.content
    assert b"Soviet troops enter Baku" not in narrowed.content
    assert client.get(url + "?kind=context&utm_source=x")["X-Page-Cache"] == "hit"


@pytest.mark.parametrize(
    "url, query",
    [
        ("pages:home", "page=2"),
        ("pages:home", "kind=main"),
        ("events:list", "p=2"),
        ("photos:list", "kind=main"),
    ],
)
def test_a_parameter_the_page_does_not_read_is_answered_but_not_kept(client, url, query):
    """Another page reads it, so it is in the key; this page ignores it, so one
    entry per value would only fill the cache."""
    factories.make_event()
    address = reverse(url) + "?" + query
    assert client.get(address)["X-Page-Cache"] == "miss"
    assert client.get(address)["X-Page-Cache"] == "miss"
    assert client.get(reverse(url))["X-Page-Cache"] == "miss"
    assert client.get(reverse(url))["X-Page-Cache"] == "hit"


def test_each_view_declares_the_parameters_it_reads():
    """What the cache keys pages on is the union of what views declare."""
    known = page_caching.parameters_read_anywhere(get_resolver())
    assert set(known) >= {"kind", "page", "p"}
    assert "q" not in known


def test_the_sitemap_keeps_a_page_per_section(client):
    factories.make_event()
    url = reverse("sitemap") + "?p=1"
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("query", ["page=01", "page=1&page=1", "kind=Main", "kind="])
def test_a_parameter_in_another_spelling_is_answered_without_the_cache(client, query):
    """`?page=01` and the like are not kept: one page has one key."""
    factories.make_event()
    url = reverse("events:list") + "?" + query
    client.get(url)
    assert not client.get(url).has_header("X-Page-Cache")


def test_search_results_are_never_kept(client):
    """Search reads `q`, which the key leaves out: its answers are not stored."""
    factories.make_event(title_en="Soviet troops enter Baku")
    url = reverse("search:search")
    for query in ("", "?q=troops", "?q=baku"):
        assert client.get(url + query)["X-Page-Cache"] == "miss"
    assert b"Soviet troops enter Baku" in client.get(url + "?q=troops").content


def test_a_bogus_session_cookie_is_served_from_the_cache(client):
    """A cookie that names no session is an anonymous visitor."""
    factories.make_event()
    url = reverse("events:list")
    client.get(url)
    client.cookies["sessionid"] = "made-up-session-key-0123456789"
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
    assert "public" in response["Cache-Control"]


def test_a_signed_in_curator_is_never_served_a_cached_page(client):
    factories.make_event(title_en="Published")
    url = reverse("events:list")
    client.get(url)
    staff = User.objects.create_user("curator", password="a-long-password-1990", is_staff=True)
    client.force_login(staff)
    response = client.get(url)
    assert not response.has_header("X-Page-Cache")
    assert "private" in response["Cache-Control"]


def test_the_next_publication_is_one_query(django_assert_num_queries):
    soon = timezone.now() + datetime.timedelta(hours=1)
    factories.make_event(published_at=soon)
    factories.make_source()
    with django_assert_num_queries(1):
        moment = page_caching.next_publication()
    assert moment == pytest.approx(soon.timestamp())


OPEN_DATA = [
    ("opendata:index", {}, {}),
    ("opendata:datapackage", {}, {}),
    ("opendata:table", {"name": "events", "fmt": "csv"}, {}),
]


@pytest.mark.parametrize(("name", "kwargs", "params"), PAGES + OPEN_DATA)
def test_a_miss_runs_at_most_ten_queries_with_the_caches_own(
    client,
    settings,
    memorial_content,  # noqa: F811
    django_assert_max_num_queries,
    name,
    kwargs,
    params,
):
    """The cache's own look-up (the next scheduled publication) is one query of the ten."""
    factories.make_event(published_at=timezone.now() + datetime.timedelta(hours=1))
    url = reverse(name, kwargs=kwargs)
    settings.MEMORIAL_PAGE_CACHE_SECONDS = 0
    with CaptureQueriesContext(connection) as uncached:
        assert client.get(url, params).status_code == 200
    settings.MEMORIAL_PAGE_CACHE_SECONDS = 600
    with CaptureQueriesContext(connection) as missed, django_assert_max_num_queries(10):
        response = client.get(url, params)
    assert response["X-Page-Cache"] == "miss"
    assert len(missed) <= len(uncached) + 1
