"""Cache invalidation across two app servers sharing Redis and one database."""

import pytest

from tests.ops.servers import get, manage, two_sites_sharing_redis

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
    with two_sites_sharing_redis(
        tmp_path,
        CREATE,
        MEMORIAL_PAGE_CACHE_SECONDS="600",
    ) as sites:
        yield sites


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
