"""A database outage under gunicorn: a calm 503 while PostgreSQL is down, 200 when it is back."""

import pytest

from tests.ops.servers import (
    Gunicorn,
    ThrowawayPostgres,
    get,
    manage,
    postgres_available,
    require,
    site_environment,
)

pytestmark = pytest.mark.slow

CREATE = """
from tests import factories
factories.make_event(slug="night", title_en="Troops enter Baku")
"""


@pytest.fixture
def postgres():
    require(postgres_available(), "PostgreSQL server binaries not found in /usr/lib/postgresql")
    cluster = ThrowawayPostgres()
    yield cluster
    cluster.destroy()


def test_the_site_answers_503_while_the_database_is_down_and_recovers_by_itself(postgres, tmp_path):
    """Stop PostgreSQL: pages and /health/ answer 503 with Retry-After and no trace.
    Start it again: the same gunicorn serves 200 without a restart."""
    environment = site_environment(
        tmp_path, DATABASE_URL=postgres.url, MEMORIAL_PAGE_CACHE_SECONDS="0"
    )
    manage(environment, "migrate", "--no-input", "-v0")
    manage(environment, "shell", "-c", CREATE)
    server = Gunicorn(environment, tmp_path / "gunicorn.log")
    try:
        # Warm up: the worker holds a persistent connection (CONN_MAX_AGE).
        for _ in range(3):
            status, _, body = get(server.url + "/en/timeline/")
            assert status == 200 and "Troops enter Baku" in body
        assert get(server.url + "/health/")[0] == 200

        postgres.stop()
        request_ids = []
        for path in ("/en/timeline/", "/en/timeline/night/", "/en/"):
            status, headers, body = get(server.url + path)
            assert status == 503, (path, body[:500])
            assert headers["Retry-After"] == "30"
            assert "briefly unavailable" in body
            assert "Traceback" not in body and "OperationalError" not in body
            request_ids.append(headers["X-Request-ID"])
        assert get(server.url + "/health/")[0] == 503

        postgres.start()
        status, _, body = get(server.url + "/en/timeline/")
        assert status == 200 and "Troops enter Baku" in body
        assert get(server.url + "/health/")[0] == 200
    finally:
        server.stop()
    # Each failure is logged under the request id the visitor was shown.
    log = (tmp_path / "gunicorn.log").read_text()
    for request_id in request_ids:
        assert f"ERROR django.request [{request_id}]" in log
