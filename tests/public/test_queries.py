import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from memorial.core.cache import bump_content_version

from .conftest import multiply_content

pytestmark = pytest.mark.django_db

PAGES = [
    ("core:home", {}, {}),
    ("core:about", {}, {}),
    ("core:search", {}, {"q": "e"}),
    ("core:search", {}, {"q": "e", "type": "articles"}),
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


#: Pages whose own queries and the page cache's five look-ups of the next
#: scheduled publication (one a content model, memorial/core/cache.py) come to
#: more than ten: the bibliography and one source list what cites a source in
#: five kinds of content, and a search across everything looks in six. Once the
#: look-ups take one query these pages are within the budget, the strict xfail
#: below fails, and the entry goes.
OVER_WITH_THE_CACHE_S_LOOK_UPS = {
    ("core:search", ("q",)): 11,
    ("sources:list", ()): 12,
    ("sources:detail", ()): 11,
}


@pytest.mark.parametrize(("name", "kwargs", "params"), PAGES)
def test_a_page_the_cache_has_not_kept_runs_at_most_ten_queries_with_the_cache_s_own(
    client, memorial_content, settings, request, name, kwargs, params
):
    """Rendered after a change (every page then misses the page cache), a page and the
    page cache together run at most ten queries."""
    known = OVER_WITH_THE_CACHE_S_LOOK_UPS.get((name, tuple(params)))
    if known:
        request.applymarker(
            pytest.mark.xfail(
                strict=True,
                reason=f"{known} queries, five of them the page cache's look-ups",
            )
        )
    settings.MEMORIAL_PAGE_CACHE_SECONDS = 600
    bump_content_version()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(name, kwargs=kwargs), params)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"
    assert len(captured) <= 10
