"""The content-health report finds what a curator must fix, on a page and as a command."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from memorial.articles.models import Article
from memorial.curation import health
from memorial.curation.models import Acknowledgement
from memorial.photos.models import Photo
from memorial.sources.models import Source
from tests import factories

pytestmark = pytest.mark.django_db


def _found(check):
    return {(type(p.obj), p.obj.pk) for p in health.find_problems() if p.check == check}


def test_clean_content_has_no_problems():
    """Well-formed content, written in every language, passes every check."""
    event = factories.make_event(summary_az="Nə baş verdi.", summary_ru="Что произошло.")
    factories.make_figure(scope_az="Bakı", scope_ru="Баку")
    factories.make_photo(
        events=[event],
        caption_az="Qərənfillər.",
        caption_ru="Гвоздики.",
        rights_az="Bu sayt üçün çəkilib.",
        rights_ru="Снято для этого сайта.",
    )
    factories.make_article(
        title_az="Məqalə",
        title_ru="Статья",
        summary_az="Sözlərimizlə.",
        summary_ru="Нашими словами.",
    ).sources.add(factories.make_source())
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
    factories.make_figure(
        as_of_date=None, as_of_precision="unknown", scope_az="Bakı", scope_ru="Баку"
    )
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


def test_text_filled_in_one_language_and_empty_in_another():
    """A summary written in English only is a gap in Azerbaijani and Russian; a field empty
    in every language is no gap."""
    event = factories.make_event(summary_az="Nə baş verdi.", summary_ru="")
    [problem] = [p for p in health.find_problems() if p.check == health.CHECK_TRANSLATIONS]
    assert problem.obj == event
    assert problem.message == "empty in ru: summary"


@pytest.mark.parametrize(
    ("date", "flagged"),
    [
        (datetime.date(1, 1, 1), True),
        (datetime.date(1900, 1, 1), True),
        (datetime.date(1970, 1, 1), True),
        (datetime.date(2999, 1, 20), True),
        (datetime.date(1990, 1, 20), False),
        (datetime.date(1970, 1, 20), False),
    ],
)
def test_placeholder_dates(date, flagged):
    """A year before 1900, the first of January 1900 or 1970, a date years ahead."""
    event = factories.make_event(start_date=date, summary_az="Bəli.", summary_ru="Да.")
    found = _found(health.CHECK_PLACEHOLDER_DATES)
    assert ((type(event), event.pk) in found) is flagged


def test_the_page_groups_problems_by_kind_with_counts(curator_client):
    factories.make_event(sources=[], summary_az="Bəli.", summary_ru="Да.")
    factories.make_event(sources=[], summary_az="Bəli.", summary_ru="Да.")
    factories.make_figure(as_of_date=None, as_of_precision="unknown", scope_az="Bakı")
    response = curator_client.get(reverse("admin:content_health"))
    counts = {str(g["check"]): len(g["problems"]) for g in response.context["groups"]}
    assert counts == {
        "Figures without an as-of date": 1,
        "Events without a source": 2,
        "Text filled in one language and empty in another": 1,
    }
    assert response.context["problem_count"] == 4
    assert "Events without a source</a>: 2" in response.content.decode()


def test_a_curator_acknowledges_a_known_gap_and_it_stops_counting(curator_client, curator):
    """A figure undated on purpose is acknowledged with a reason: it leaves the count, is
    listed apart with who and why, and counts again on request."""
    figure = factories.make_figure(
        as_of_date=None, as_of_precision="unknown", scope_az="Bakı", scope_ru="Баку"
    )
    page = curator_client.get(reverse("admin:content_health"))
    [problem] = page.context["groups"][0]["problems"]
    data = {
        "check": problem.key,
        "content_type": problem.content_type.pk,
        "object_id": figure.pk,
        "note": "The source gives the current official count.",
    }
    url = reverse("admin:content_health_acknowledge")
    assert curator_client.post(url, data).status_code == 302

    page = curator_client.get(reverse("admin:content_health"))
    assert page.context["problem_count"] == 0
    [known] = page.context["acknowledged"]
    assert known.obj == figure
    assert known.acknowledged[0] == curator.username
    assert "current official count" in page.content.decode()
    out = io.StringIO()
    call_command("content_health", "--strict", stdout=out)
    assert "No problems found. 1 known gap(s) acknowledged." in out.getvalue()

    curator_client.post(url, {**data, "count_again": "1"})
    assert curator_client.get(reverse("admin:content_health")).context["problem_count"] == 1


def test_acknowledging_needs_the_right_to_change_the_item(client, db):
    """Staff without the right to change figures cannot silence a figure's problem."""
    staff = get_user_model().objects.create_user("staff", password="x" * 20, is_staff=True)
    client.force_login(staff)
    figure = factories.make_figure(as_of_date=None, as_of_precision="unknown")
    content_type = ContentType.objects.get_for_model(figure)
    response = client.post(
        reverse("admin:content_health_acknowledge"),
        {"check": "x", "content_type": content_type.pk, "object_id": figure.pk},
    )
    assert response.status_code == 403
    assert not Acknowledgement.objects.exists()
