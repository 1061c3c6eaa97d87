"""The content-health report finds what a curator must fix, on a page and as a command."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from memorial.articles.models import Article
from memorial.curation import health
from memorial.photos.models import Photo
from memorial.sources.models import Source
from tests import factories

pytestmark = pytest.mark.django_db


def _found(check):
    return {(type(p.obj), p.obj.pk) for p in health.find_problems() if p.check == check}


def test_clean_content_has_no_problems():
    """Well-formed content passes every check."""
    event = factories.make_event()
    factories.make_figure()
    factories.make_photo(events=[event])
    factories.make_article().sources.add(factories.make_source())
    assert health.find_problems() == []


@pytest.mark.parametrize(
    "alt_text",
    ["IMG_2041.jpg", "photo", "Photo 1", "Short", "  n/a "],
    ids=["file-name", "placeholder", "title", "short", "na"],
)
def test_photos_without_real_alt_text(alt_text):
    """File names, placeholders, the title again and stubs are not descriptions."""
    photo = factories.make_photo(title_en="Photo 1", alt_text_en=alt_text)
    assert (Photo, photo.pk) in _found("Photos without real alternative text")


def test_decorative_photos_need_no_alt_text():
    """A decorative image is meant to be skipped by screen readers."""
    factories.make_photo(alt_text_en="", is_decorative=True)
    assert _found("Photos without real alternative text") == set()


def test_bad_translation_of_alt_text_is_reported():
    """A translation that is a file name is as bad as an English one."""
    photo = factories.make_photo(alt_text_ru="DSC_0042.JPG")
    [problem] = [
        p for p in health.find_problems() if p.check == "Photos without real alternative text"
    ]
    assert problem.obj == photo
    assert "ru" in problem.message


@pytest.mark.parametrize("credit", ["unknown", "?", "-"])
def test_photos_without_credit(credit):
    """A placeholder is not a credit."""
    photo = factories.make_photo(credit=credit)
    assert (Photo, photo.pk) in _found("Photos without a credit")


def test_figures_without_an_as_of_date():
    """Every figure is a statement made at some moment; undated ones are listed."""
    dated = factories.make_figure()
    undated = factories.make_figure(as_of_date=None, as_of_precision="unknown")
    found = _found("Figures without an as-of date")
    assert (type(undated), undated.pk) in found
    assert (type(dated), dated.pk) not in found


def test_events_without_a_source():
    """An event no source supports is listed."""
    sourced = factories.make_event()
    unsourced = factories.make_event(sources=[])
    found = _found("Events without a source")
    assert (type(unsourced), unsourced.pk) in found
    assert (type(sourced), sourced.pk) not in found


def test_published_items_linking_to_drafts():
    """A published photo of a draft event, or article linking one, is listed; drafts are not."""
    draft_event = factories.make_event(is_published=False)
    photo = factories.make_photo(events=[draft_event])
    article = factories.make_article()
    article.events.add(draft_event)
    factories.make_photo(events=[draft_event], is_published=False)
    found = _found(health.CHECK_DRAFT_LINKS)
    assert found == {(Photo, photo.pk), (Article, article.pk)}


def test_unsafe_addresses_that_bypassed_the_forms():
    """Addresses written by `.update()` or plain SQL are checked too, in text and fields.

    Rich text is sanitised on every write Django makes, so only SQL gets a bad link into a body.
    """
    source = factories.make_source()
    Source.objects.filter(pk=source.pk).update(url="http://exa mple.org/")
    article = factories.make_article()
    body = '<p><a href="javascript:alert(1)">x</a> <a href="https://ok.example/">ok</a></p>'
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Article._meta.db_table} SET body_en = %s WHERE id = %s", [body, article.pk]
        )
    problems = [p for p in health.find_problems() if p.check == health.CHECK_URLS]
    assert {(type(p.obj), p.obj.pk) for p in problems} == {
        (Source, source.pk),
        (Article, article.pk),
    }
    assert any("javascript:" in p.message for p in problems)
    assert not any("ok.example" in p.message for p in problems)


def test_health_page_lists_problems_with_links(curator_client):
    """The admin page groups problems and links each to its change form."""
    event = factories.make_event(sources=[], title_en="Unsourced event")
    response = curator_client.get(reverse("admin:content_health"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Events without a source" in content
    assert reverse("admin:events_event_change", args=[event.pk]) in content
    assert (
        reverse("admin:content_health")
        in curator_client.get(reverse("admin:index")).content.decode()
    )


def test_health_page_needs_staff(client):
    """Anonymous visitors are sent to the login page."""
    assert client.get(reverse("admin:content_health")).status_code == 302


def test_content_health_command_reports_and_fails_when_strict():
    """The command prints each problem; with --strict it exits with an error."""
    factories.make_figure(as_of_date=None, as_of_precision="unknown")
    out = io.StringIO()
    call_command("content_health", stdout=out)
    assert "Figures without an as-of date" in out.getvalue()
    assert "1 problem(s) found." in out.getvalue()
    with pytest.raises(CommandError):
        call_command("content_health", "--strict", stdout=io.StringIO())


def test_content_health_command_is_quiet_when_all_is_well():
    """No problems, a one-line all-clear, no error even when strict."""
    out = io.StringIO()
    call_command("content_health", "--strict", stdout=out)
    assert "No problems found." in out.getvalue()
