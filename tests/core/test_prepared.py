"""Queries compiled once (core.prepared) read what the database holds now, for the values asked."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from memorial.articles.models import Article
from memorial.core import prepared as prepared_module
from memorial.core.prepared import prepared
from memorial.events.models import Event
from memorial.photos.views import PhotoListView
from tests import factories

pytestmark = pytest.mark.django_db


def latest():
    return Article.objects.published().order_by("-publication_date", "title")[:3]


def titles(objects):
    return [obj.title for obj in objects]


@pytest.fixture
def compiles(monkeypatch):
    """The queries compiled in a test, each compiled afresh for it."""
    monkeypatch.setattr(prepared_module, "_local", type(prepared_module._local)())
    compiled = []
    compile_query = prepared_module._compile

    def counting(build, values):
        compiled.append(values)
        return compile_query(build, values)

    monkeypatch.setattr(prepared_module, "_compile", counting)
    return compiled


def test_a_prepared_query_gives_what_the_queryset_gives(compiles):
    for n in range(5):
        factories.make_article(
            title_en=f"Article {n}", publication_date=datetime.date(1990, 1, 20 + n)
        )
    factories.make_article(title_en="A draft", is_published=False)
    assert titles(prepared("latest", latest)) == titles(latest())
    assert titles(prepared("latest", latest)) == ["Article 4", "Article 3", "Article 2"]
    assert compiles == [()]


def test_a_prepared_query_follows_every_change_after_it_is_compiled(compiles):
    first = factories.make_article(title_en="First", publication_date=datetime.date(1990, 1, 21))
    assert titles(prepared("latest", latest)) == ["First"]
    factories.make_article(title_en="Newer", publication_date=datetime.date(1990, 1, 25))
    hidden = factories.make_article(
        title_en="Later", publication_date=datetime.date(1990, 1, 30), is_published=False
    )
    assert titles(prepared("latest", latest)) == ["Newer", "First"]
    hidden.is_published = True
    hidden.save()
    first.title_en = "First, corrected"
    first.save()
    assert titles(prepared("latest", latest)) == ["Later", "Newer", "First, corrected"]
    # A publication time is compared with the database's clock when the query runs.
    hidden.published_at = timezone.now() + datetime.timedelta(hours=1)
    hidden.save()
    assert titles(prepared("latest", latest)) == ["Newer", "First, corrected"]
    hidden.published_at = timezone.now() - datetime.timedelta(seconds=1)
    hidden.save()
    assert titles(prepared("latest", latest)) == ["Later", "Newer", "First, corrected"]
    assert compiles == [()]


def test_a_prepared_query_is_compiled_for_each_language(compiles):
    """Ordered by title, by the page language's title: the SQL differs by language."""
    for en, az in (("Alpha", "Zeta"), ("Beta", "Yota"), ("Gamma", "Xi")):
        factories.make_article(
            title_en=en, title_az=az, publication_date=datetime.date(1990, 1, 20)
        )
    with override("en"):
        assert titles(prepared("latest", latest)) == ["Alpha", "Beta", "Gamma"]
    with override("az"):
        assert titles(prepared("latest", latest)) == ["Xi", "Yota", "Zeta"]
    with override("en"):
        assert titles(prepared("latest", latest)) == ["Alpha", "Beta", "Gamma"]
    assert len(compiles) == 2


def test_a_prepared_query_runs_with_the_values_of_each_call(compiles):
    night = factories.make_event(slug="the-night", title_en="The night")
    morning = factories.make_event(slug="the-morning", title_en="The morning")
    factories.make_event(slug="a-draft", title_en="A draft", is_published=False)

    def by_slug(slug):
        return Event.objects.published().filter(slug=slug)

    with CaptureQueriesContext(connection) as captured:
        assert prepared("event", by_slug, "the-night") == [night]
        assert prepared("event", by_slug, "the-morning") == [morning]
        assert prepared("event", by_slug, "a-draft") == []
        assert prepared("event", by_slug, "nothing-here") == []
    assert compiles == [("the-night",)] and len(captured) == 4

    def two(first, second):
        return Event.objects.filter(pk__in=(first, second)).order_by("pk")

    assert prepared("two", two, night.pk, morning.pk) == [night, morning]
    assert prepared("two", two, morning.pk, 0) == [morning]


def test_values_not_found_once_among_the_parameters_are_not_put_in_place(compiles):
    """Two values alike cannot be told apart: that query runs as built and is compiled again."""
    night = factories.make_event(slug="the-night", title_en="The night")
    morning = factories.make_event(slug="the-morning", title_en="The morning")

    def two(first, second):
        return Event.objects.filter(pk__in=(first, second)).order_by("pk")

    assert prepared("two", two, night.pk, night.pk) == [night]
    assert prepared("two", two, night.pk, morning.pk) == [night, morning]
    assert prepared("two", two, morning.pk, morning.pk) == [morning]
    assert compiles == [(night.pk, night.pk), (night.pk, morning.pk)]


def test_a_query_that_can_find_nothing_is_run_as_built(compiles):
    assert prepared("none", lambda *keys: Event.objects.filter(pk__in=keys)) == []


def test_list_pages_count_and_cut_what_the_database_holds_now(client, compiles):
    """A list's count and pages are compiled once, and follow each change."""
    photos = reverse("photos:list")
    per_page = PhotoListView.paginate_by
    assert client.get(photos).status_code == 200
    assert client.get(photos, {"page": 2}).status_code == 404
    made = [factories.make_photo(title_en=f"Photograph {n:03}") for n in range(per_page + 1)]
    second = client.get(photos, {"page": 2})
    assert second.status_code == 200 and second.context["paginator"].count == per_page + 1
    assert len(second.context["page_obj"]) == 1
    made[0].is_published = False
    made[0].save()
    assert client.get(photos, {"page": 2}).status_code == 404
    assert client.get(photos).context["paginator"].count == per_page
    compiled_after = len(compiles)
    client.get(photos)
    assert len(compiles) == compiled_after


def test_each_kind_of_a_list_has_its_own_queries(client, compiles):
    factories.make_event(title_en="On the night", kind="main")
    factories.make_event(title_en="Years before", kind="context")
    timeline = reverse("events:list")
    for _ in range(2):
        assert "Years before" in client.get(timeline).content.decode()
        only_main = client.get(timeline, {"kind": "main"}).content.decode()
        assert "On the night" in only_main and "Years before" not in only_main
        assert "Years before" in client.get(timeline).content.decode()
