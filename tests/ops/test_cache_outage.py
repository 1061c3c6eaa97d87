"""Redis away under gunicorn with production settings: pages answer, saves commit, /health/ tells."""

import json
import re
import time

import pytest

from tests.ops.servers import (
    AdminSession,
    Gunicorn,
    PrivateRedis,
    ThrowawayPostgres,
    free_port,
    get,
    manage,
    postgres_available,
    redis_server_available,
    require,
    site_environment,
)

pytestmark = pytest.mark.slow

CREATE = """
from django.contrib.auth.models import User
from tests import factories
factories.make_event(slug="night", title_en="Troops enter Baku")
User.objects.create_superuser("curator", "curator@example.org", "a-long-password-1990")
"""

PAGES = [
    "/en/",
    "/en/timeline/",
    "/en/timeline/night/",
    "/en/data/events.csv",
    "/en/20-january.ics",
]


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """A migrated PostgreSQL of its own, shared by the tests of this module."""
    require(postgres_available(), "PostgreSQL server binaries not found in /usr/lib/postgresql")
    require(redis_server_available(), "redis-server is not installed")
    cluster = ThrowawayPostgres()
    environment = site_environment(tmp_path_factory.mktemp("migrate"), DATABASE_URL=cluster.url)
    manage(environment, "migrate", "--no-input", "-v0")
    yield cluster
    cluster.destroy()


@pytest.fixture
def site(database, tmp_path):
    """Serve the site against `redis_url`, with fresh content; stops it afterwards."""
    servers = []

    def serve(redis_url):
        environment = site_environment(
            tmp_path,
            DATABASE_URL=database.url,
            REDIS_URL=redis_url,
            MEMORIAL_PAGE_CACHE_SECONDS="600",
            MEMORIAL_CACHE_RETRY_SECONDS="1",
        )
        manage(environment, "flush", "--no-input")
        manage(environment, "shell", "-c", CREATE)
        servers.append(Gunicorn(environment, tmp_path / "gunicorn.log", workers=2))
        return servers[-1]

    yield serve
    for server in servers:
        server.stop()


def health(server):
    status, _, body = get(server.url + "/health/")
    return status, json.loads(body)


def save_title(server, title):
    """A curator changes the event's title in the admin; the answer's status and Location."""
    curator = AdminSession(server.url)
    curator.log_in("curator", "a-long-password-1990")
    status, headers, body = curator.request("/admin/events/event/?q=night")
    change = re.search(r'href="(/admin/events/event/\d+/change/)', body).group(1)
    status, headers, body = curator.submit(change, title_en=title)
    return status, headers.get("Location"), body


def assert_pages_answer(server, statuses):
    for path in PAGES:
        status, _, body = get(server.url + path)
        statuses.append(status)
        assert status == 200, (path, body[:500])


def test_pages_answer_and_saves_commit_while_redis_is_stopped(site):
    """Stop Redis mid-run: every page answers 200, rendered afresh; a save redirects and
    shows; /health/ says the cache is down but keeps 200. Start it: pages are kept again."""
    redis = PrivateRedis()
    try:
        server = site(redis.url)
        for _ in range(2):
            assert_pages_answer(server, [])
        assert get(server.url + "/en/timeline/")[1]["X-Page-Cache"] == "hit"
        assert health(server) == (200, {"status": "ok", "database": "up", "cache": "up"})

        redis.stop()
        statuses = []
        for _ in range(5):
            assert_pages_answer(server, statuses)
        assert health(server) == (200, {"status": "degraded", "database": "up", "cache": "down"})
        status, location, body = save_title(server, "Soviet troops enter Baku")
        assert status == 302 and location == "/admin/events/event/", body[:1000]
        for path in ("/en/timeline/", "/en/timeline/night/"):
            status, _, body = get(server.url + path)
            statuses.append(status)
            assert status == 200 and "Soviet troops enter Baku" in body
        assert statuses == [200] * len(statuses)

        redis.start()
        assert health(server) == (200, {"status": "ok", "database": "up", "cache": "up"})
        # Each worker asks Redis again once its pause (1 s here) is over.
        deadline = time.monotonic() + 15
        while True:
            status, headers, body = get(server.url + "/en/timeline/")
            assert status == 200 and "Soviet troops enter Baku" in body
            if headers.get("X-Page-Cache") == "hit":
                break
            assert time.monotonic() < deadline, "pages were not kept again after Redis came back"
            time.sleep(0.2)
    finally:
        redis.stop()


def test_pages_answer_with_a_wrong_redis_url(site):
    server = site(f"redis://127.0.0.1:{free_port()}/0")
    assert_pages_answer(server, [])
    assert health(server) == (200, {"status": "degraded", "database": "up", "cache": "down"})
    status, location, _ = save_title(server, "Soviet troops enter Baku")
    assert status == 302
    assert "Soviet troops enter Baku" in get(server.url + "/en/timeline/night/")[2]


def test_pages_answer_and_stay_fresh_when_redis_is_full(site):
    """maxmemory reached with noeviction: Redis refuses to store; pages answer, a save
    shows at once (the version is removed when INCR is refused), /health/ says down."""
    redis = PrivateRedis("--maxmemory", "8mb", "--maxmemory-policy", "noeviction")
    try:
        server = site(redis.url)
        for _ in range(2):
            assert_pages_answer(server, [])
        assert get(server.url + "/en/timeline/")[1]["X-Page-Cache"] == "hit"
        redis.fill()
        assert_pages_answer(server, [])
        assert health(server) == (200, {"status": "degraded", "database": "up", "cache": "down"})
        status, _, body = save_title(server, "Soviet troops enter Baku")
        assert status == 302, body[:1000]
        for _ in range(3):
            status, _, body = get(server.url + "/en/timeline/")
            assert status == 200 and "Soviet troops enter Baku" in body
    finally:
        redis.stop()
