"""The long lists kept rendered with `{% cache %}` (home, timeline, toll, bibliography)
are kept under the content version: a change shows at once, and a staff preview's
drafts never reach a visitor."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from memorial.events.models import Event
from tests import factories

pytestmark = pytest.mark.django_db

LISTS = ("pages:home", "events:list", "figures:list", "sources:list")
KEPT = (*LISTS, "articles:list", "photos:list")


@pytest.fixture(autouse=True)
def fragments_kept(settings):
    settings.MEMORIAL_FRAGMENT_CACHE_SECONDS = 600


def html_of(client, name, params=None):
    response = client.get(reverse(name), params or {})
    assert response.status_code == 200
    return response.content.decode()


def test_a_kept_list_gives_the_same_page(client, memorial_content):
    """The second rendering of each list reads its fragment; the home page, the timeline,
    the bibliography, the articles and the photographs then read none of their rows, the
    toll only its figures for its JSON-LD, not what they count nor their people."""
    for name in KEPT:
        with CaptureQueriesContext(connection) as first:
            before = html_of(client, name)
        with CaptureQueriesContext(connection) as second:
            after = html_of(client, name)
        assert after == before, name
        assert len(second) < len(first), name


def test_a_change_to_content_shows_on_every_kept_list_at_once(
    client, memorial_content, django_capture_on_commit_callbacks
):
    figure, event = memorial_content["killed_omm"], memorial_content["night"]
    source = memorial_content["omm"]
    for name in LISTS:
        html_of(client, name)
    with django_capture_on_commit_callbacks(execute=True):
        figure.value_low = 137
        figure.save()
        event.title_en = "Soldiers enter Baku"
        event.save()
        source.title = "Black January: Baku (1990), second edition"
        source.save()
    assert ">137<" in html_of(client, "pages:home")
    assert ">137<" in html_of(client, "figures:list")
    assert "Soldiers enter Baku" in html_of(client, "events:list")
    assert "second edition" in html_of(client, "sources:list")


def test_a_staff_preview_s_drafts_never_reach_a_visitor(memorial_content):
    """Drafts rendered for a curator's preview are not kept for visitors, nor the reverse."""
    factories.make_event(
        slug="draft-main", title_en="A draft of the night", kind="main", is_published=False
    )
    curator = get_user_model().objects.create_user("curator", "c@example.org", "long-password-1")
    curator.is_staff = True
    curator.save()
    staff, visitor = Client(), Client()
    staff.force_login(curator)
    for name in ("pages:home", "events:list"):
        assert "A draft of the night" in html_of(staff, name, {"preview": "1"})
        assert "A draft of the night" not in html_of(visitor, name)
        assert "A draft of the night" in html_of(staff, name, {"preview": "1"})


def test_each_kind_of_the_timeline_is_kept_apart(client, memorial_content):
    main = html_of(client, "events:list", {"kind": "main"})
    context = html_of(client, "events:list", {"kind": "context"})
    assert "Troops enter Baku" in main and "Troops enter Baku" not in context
    assert "The Popular Front rallies" in context and "The Popular Front rallies" not in main


def test_a_detail_page_s_kept_lists_follow_changes_and_previews(
    memorial_content, django_capture_on_commit_callbacks
):
    """An event's related articles and photos, kept rendered, show a change at once and a
    linked draft only in a staff preview."""
    night, article = memorial_content["night"], memorial_content["article"]
    url = night.get_absolute_url()
    curator = get_user_model().objects.create_user("curator", "c@example.org", "long-password-1")
    curator.is_staff = True
    curator.save()
    staff, visitor = Client(), Client()
    staff.force_login(curator)
    draft = factories.make_photo(
        slug="draft-photo", title_en="A draft photograph", events=[night], is_published=False
    )
    for _ in range(2):
        assert draft.get_absolute_url() not in visitor.get(url).content.decode()
        assert draft.get_absolute_url() in staff.get(url, {"preview": "1"}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        article.title_en = "The OMM report, revised"
        article.save()
    assert "The OMM report, revised" in visitor.get(url).content.decode()


def test_an_event_s_neighbours_are_kept_with_the_page_and_follow_changes(
    client, memorial_content, django_capture_on_commit_callbacks
):
    """The previous and next events come from a window over the whole timeline: a
    kept page reads it once, and a new event between them shows at once."""
    night = memorial_content["night"]
    url = night.get_absolute_url()
    with CaptureQueriesContext(connection) as first:
        before = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as second:
        after = client.get(url).content.decode()
    assert after == before
    assert 'rel="prev"' in before or 'rel="next"' in before
    assert any("LAG(" in query["sql"].upper() for query in first)
    assert not any("LAG(" in query["sql"].upper() for query in second)
    neighbour = Event.objects.get(
        slug=re.search(r'href="/en/timeline/([\w-]+)/" rel="(?:prev|next)"', before)[1]
    )
    with django_capture_on_commit_callbacks(execute=True):
        neighbour.title_en = "A neighbour renamed"
        neighbour.save()
    assert "A neighbour renamed" in client.get(url).content.decode()


def test_the_articles_and_photographs_kept_show_a_change_at_once(
    client, memorial_content, django_capture_on_commit_callbacks
):
    article = memorial_content["article"]
    for name in ("articles:list", "photos:list"):
        html_of(client, name)
    photo = factories.make_photo(slug="new-photo", title_en="A photograph just published")
    with django_capture_on_commit_callbacks(execute=True):
        article.title_en = "The OMM report, revised"
        article.save()
        photo.save()
    assert "The OMM report, revised" in html_of(client, "articles:list")
    assert "A photograph just published" in html_of(client, "photos:list")
