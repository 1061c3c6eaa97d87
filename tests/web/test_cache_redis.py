"""The page cache against a real Redis of the test's own: round trips, bounds, failures."""

import logging
import time
import uuid

import pytest
from django.conf import settings
from django.core.cache import cache
from django.template import Context, Template
from django.urls import reverse

from memorial.web import cache as page_caching
from memorial.web.cache import content_version
from tests import factories
from tests.ops.servers import PrivateRedis, redis_server_available, require

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

#: The production settings' process-local cache of the header and footer.
CHROME = dict(settings.CACHES["chrome"])


def redis_caches(url):
    """The production cache settings, pointed at `url` with a prefix of this test's own."""
    default = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": f"memorial-test-{uuid.uuid4().hex}",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
    }
    fragments = {**default, "OPTIONS": {**default["OPTIONS"], "IGNORE_EXCEPTIONS": True}}
    # The header and footer stay in each process's memory, as in production.
    return {"default": default, "template_fragments": fragments, "chrome": CHROME}


def start_redis(*options):
    require(redis_server_available(), "redis-server is not installed")
    return PrivateRedis(*options)


@pytest.fixture
def redis_server():
    server = start_redis()
    yield server
    server.stop()


@pytest.fixture
def page_cache(settings):
    settings.MEMORIAL_PAGE_CACHE_SECONDS = 600
    settings.MEMORIAL_CACHE_RETRY_SECONDS = 0.01
    yield settings
    page_caching.outage.until = 0.0
    page_caching.outage.bump_pending = False


@pytest.fixture
def on_redis(page_cache, redis_server):
    page_cache.CACHES = redis_caches(redis_server.url)
    return redis_server


class Commands:
    """Counts the commands Redis runs, through a connection of the test's own."""

    def __init__(self, server):
        self.redis = server.client()
        self.redis.ping()

    def reset(self):
        self.redis.config_resetstat()

    def since_reset(self):
        """Commands run since `reset()`, by name; the counting's own left out."""
        stats = self.redis.info("commandstats")
        return {
            name.removeprefix("cmdstat_"): values["calls"]
            for name, values in stats.items()
            if name not in ("cmdstat_info", "cmdstat_config|resetstat")
        }


def test_a_hit_costs_one_round_trip_to_redis(client, on_redis):
    """The version and the page come in one MGET; nothing else is asked of Redis."""
    factories.make_event(title_en="Soviet troops enter Baku")
    url = reverse("events:list")
    assert client.get(url)["X-Page-Cache"] == "miss"
    counted = Commands(on_redis)
    counted.reset()
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
    assert b"Soviet troops enter Baku" in response.content
    assert counted.since_reset() == {"mget": 1}


def test_a_bogus_session_cookie_is_served_from_the_cache_in_one_round_trip(client, on_redis):
    factories.make_event()
    url = reverse("events:list")
    client.get(url)
    counted = Commands(on_redis)
    counted.reset()
    client.cookies["sessionid"] = "made-up-session-key-0123456789"
    assert client.get(url)["X-Page-Cache"] == "hit"
    assert counted.since_reset() == {"mget": 1}


def test_a_flood_of_addresses_keeps_the_cache_bounded(client, on_redis):
    """Tracking parameters, made-up paths, kinds and page numbers, and parameters
    some page reads sent to pages that do not read them: nothing new is stored."""
    factories.make_event(slug="night", title_en="Soviet troops enter Baku")
    redis = on_redis.client()
    home, timeline = reverse("pages:home"), reverse("events:list")
    event = reverse("events:detail", args=["night"])
    for url in (home, timeline, event):
        client.get(url)
    stored = redis.dbsize()
    memory = redis.info("memory")["used_memory"]
    statuses = {}
    for n in range(500):
        for url in (
            f"{timeline}?utm_source={n}",
            f"{timeline}no-such-event-{n}/",
            f"{timeline}?kind=made-up-{n}",
            f"{timeline}?page={n + 2}",
            f"{home}?page={n + 2}",
            f"{event}?kind=made-up-{n}&p={n + 1}",
        ):
            status = client.get(url).status_code
            statuses[status] = statuses.get(status, 0) + 1
    assert statuses == {200: 1500, 404: 1500}
    assert redis.dbsize() == stored
    assert redis.info("memory")["used_memory"] - memory < 200_000


def stall_during_a_save(settings, redis_server, event, caplog, django_capture_on_commit_callbacks):
    """Redis stops answering for 1.5 s while `event` is saved; returns once this process
    may ask it again (a second after the failure)."""
    settings.MEMORIAL_CACHE_RETRY_SECONDS = 1.0
    redis_server.client().client_pause(1500, all=True)
    paused = time.monotonic()
    with caplog.at_level(logging.WARNING, "memorial.cache"):
        with django_capture_on_commit_callbacks(execute=True):
            event.title_en = "After the change"
            event.save()
        # Saved again in the same outage: no second wait for Redis.
        with django_capture_on_commit_callbacks(execute=True):
            event.save()
    assert caplog.text.count("content version could not be changed") == 1
    assert page_caching.outage.bump_pending
    time.sleep(max(0, 2.2 - (time.monotonic() - paused)))


def test_a_failed_bump_after_a_commit_is_made_again_when_redis_answers(
    client, page_cache, on_redis, django_capture_on_commit_callbacks, caplog
):
    """Redis stalls during a save: the save succeeds, the failure is logged, and the
    next request after Redis answers again bumps the version, so no stale page is served."""
    event = factories.make_event(title_en="Before the change")
    url = reverse("events:list")
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    stall_during_a_save(page_cache, on_redis, event, caplog, django_capture_on_commit_callbacks)
    response = client.get(url)
    assert b"After the change" in response.content
    assert response["X-Page-Cache"] == "miss"
    assert not page_caching.outage.bump_pending


def test_a_command_that_could_not_bump_tries_again_as_it_ends(
    client, page_cache, on_redis, django_capture_on_commit_callbacks, caplog
):
    """The loader or the shell serves no request: its last try is made at exit."""
    event = factories.make_event(title_en="Before the change")
    url = reverse("events:list")
    client.get(url)
    version = content_version()
    stall_during_a_save(page_cache, on_redis, event, caplog, django_capture_on_commit_callbacks)
    page_caching._bump_if_pending()
    assert content_version() == version + 1
    assert not page_caching.outage.bump_pending


def test_a_full_redis_serves_fresh_pages_after_a_save(
    client, page_cache, django_capture_on_commit_callbacks, caplog
):
    """With maxmemory reached and noeviction, INCR is refused: the version is removed
    instead, so the page kept before the change is not served after it."""
    server = start_redis("--maxmemory", "8mb", "--maxmemory-policy", "noeviction")
    try:
        page_cache.CACHES = redis_caches(server.url)
        event = factories.make_event(title_en="Before the change")
        url = reverse("events:list")
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"
        server.fill()
        with (
            caplog.at_level(logging.WARNING, "memorial.cache"),
            django_capture_on_commit_callbacks(execute=True),
        ):
            event.title_en = "After the change"
            event.save()
        assert "could not be incremented; it was removed" in caplog.text
        for _ in range(2):
            response = client.get(url)
            assert response.status_code == 200
            assert b"After the change" in response.content
    finally:
        server.stop()


def test_pages_are_rendered_when_redis_cannot_be_reached(client, page_cache, caplog):
    """A wrong REDIS_URL: pages answer, a save commits, the failure is logged."""
    from tests.ops.servers import free_port

    page_cache.CACHES = redis_caches(f"redis://127.0.0.1:{free_port()}/0")
    event = factories.make_event(title_en="Soviet troops enter Baku")
    with caplog.at_level(logging.WARNING, "memorial.cache"):
        response = client.get(reverse("events:list"))
        assert response.status_code == 200
        assert b"Soviet troops enter Baku" in response.content
        page_caching.bump_content_version()
        assert isinstance(content_version(), int)
    assert "The cache failed" in caplog.text
    event.refresh_from_db()


def test_template_fragments_render_when_redis_cannot_be_reached(page_cache):
    """{% cache %} reads the template_fragments cache, which answers a miss when Redis fails."""
    from tests.ops.servers import free_port

    page_cache.CACHES = redis_caches(f"redis://127.0.0.1:{free_port()}/0")
    template = Template("{% load cache %}{% cache 60 greeting %}remembered{% endcache %}")
    assert template.render(Context()) == "remembered"
    with pytest.raises(Exception):  # noqa: B017, PT011 (the page cache is the one that copes)
        cache.get("anything")
