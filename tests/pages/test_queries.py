import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from memorial.web.cache import bump_content_version

from .conftest import multiply_content

pytestmark = pytest.mark.django_db

PAGES = [
    ("pages:home", {}, {}),
    ("pages:about", {}, {}),
    ("search:search", {}, {"q": "e"}),
    ("search:search", {}, {"q": "e", "type": "articles"}),
    ("events:list", {}, {}),
    ("events:list", {}, {"kind": "main"}),
    ("events:detail", {"slug": "troops-enter"}, {}),
    ("figures:list", {}, {}),
    ("figures:detail", {"key": "killed-omm"}, {}),
    ("photos:list", {}, {}),
    ("photos:detail", {"slug": "carnations"}, {}),
    ("articles:list", {}, {}),
    ("articles:detail", {"slug": "report"}, {}),
    ("commemorations:list", {}, {}),
    ("commemorations:detail", {"year": 2026}, {}),
    ("sources:list", {}, {}),
    ("sources:detail", {"key": "omm"}, {}),
    ("articles:feed-atom", {}, {}),
]


def count_queries(client, url, params):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize(("name", "kwargs", "params"), PAGES)
def test_each_page_runs_a_fixed_number_of_queries(
    client, memorial_content, django_assert_max_num_queries, name, kwargs, params
):
    """At most ten queries, and no more with ten times the content."""
    url = reverse(name, kwargs=kwargs)
    with django_assert_max_num_queries(10):
        assert client.get(url, params).status_code == 200
    before = count_queries(client, url, params)
    multiply_content(10)
    after = count_queries(client, url, params)
    assert after == before
    with django_assert_max_num_queries(10):
        assert client.get(url, params).status_code == 200


@pytest.mark.parametrize(("name", "kwargs", "params"), PAGES)
def test_a_page_the_cache_has_not_kept_runs_at_most_ten_queries_with_the_cache_s_own(
    client, memorial_content, settings, name, kwargs, params
):
    """Rendered after a change (every page then misses the page cache), a page and the
    page cache together run at most ten queries."""
    settings.MEMORIAL_PAGE_CACHE_SECONDS = 600
    bump_content_version()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(name, kwargs=kwargs), params)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"
    assert len(captured) <= 10
