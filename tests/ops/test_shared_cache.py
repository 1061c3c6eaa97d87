"""Cache invalidation across two app servers sharing Redis and one database."""

import uuid

import pytest

from tests.ops.servers import Gunicorn, get, manage, redis_available, require, site_environment

pytestmark = pytest.mark.slow

PUBLISH = """
from memorial.events.models import Event
event = Event.objects.get(slug="shared-cache")
event.is_published = True
event.save()
"""

CREATE = """
from tests import factories
factories.make_event(slug="shared-cache", title_en="Curfew declared in Baku", is_published=False)
factories.make_event(slug="already-public", title_en="Troops at the city limits")
"""


@pytest.fixture
def two_servers(tmp_path):
    require(redis_available(), "Redis is not running on 127.0.0.1:6379")
    import redis

    prefix = f"memorial-test-{uuid.uuid4().hex}"
    environment = site_environment(
        tmp_path,
        DATABASE_URL=f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        REDIS_URL="redis://127.0.0.1:6379/0",
        REDIS_KEY_PREFIX=prefix,
        MEMORIAL_PAGE_CACHE_SECONDS="600",
    )
    manage(environment, "migrate", "--no-input", "-v0")
    manage(environment, "shell", "-c", CREATE)
    servers = [Gunicorn(environment, tmp_path / f"gunicorn-{n}.log") for n in (1, 2)]
    yield environment, servers
    for server in servers:
        server.stop()
    client = redis.Redis(host="127.0.0.1", port=6379, db=0)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_publishing_in_one_process_refreshes_pages_in_every_other(two_servers):
    """Both servers cache the timeline; a curator publishes from a third process; both show it next."""
    environment, servers = two_servers
    for server in servers:
        status, _, body = get(server.url + "/en/timeline/")
        assert status == 200
        assert "Troops at the city limits" in body
        assert "Curfew declared in Baku" not in body
    # The second server's request was a hit on the page the first one stored.
    status, headers, _ = get(servers[0].url + "/en/timeline/")
    assert headers["X-Page-Cache"] == "hit"

    manage(environment, "shell", "-c", PUBLISH)

    for server in servers:
        status, headers, body = get(server.url + "/en/timeline/")
        assert status == 200
        assert headers["X-Page-Cache"] == "miss"
        assert "Curfew declared in Baku" in body
