"""Every add form refuses bad data with an error on the right field and stores nothing."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from memorial.articles.models import Article
from memorial.events.models import Event
from tests import factories

from .forms import admin_form_data
from .specs import SPECS

pytestmark = pytest.mark.django_db

SPEC = {spec.name: spec for spec in SPECS}

BAD_INPUT = [
    # (model, overrides, field carrying the error)
    ("event", {"end_date": "1990-01-18", "end_precision": "day"}, "end_date"),
    (
        "event",
        {
            "end_date": "1990-01-19",
            "end_precision": "day",
            "start_time": "23:00",
            "end_time": "22:00",
        },
        "end_time",
    ),
    ("figure", {"qualifier": "range", "value_low": "300", "value_high": "100"}, "value_high"),
    ("figure", {"value_low": "-1"}, "value_low"),
    ("figure", {"qualifier": "range"}, "value_high"),
    ("figure", {"source": ""}, "source"),
    ("photo", {"source": ""}, "source"),
    ("photo", {"alt_text_en": "", "is_decorative": None}, "alt_text_en"),
    ("photo", {"credit": "   "}, "credit"),
    ("source", {"url": "javascript:alert(1)"}, "url"),
    ("source", {"url": "data:text/html,hello"}, "url"),
    ("article", {"external_url": "ftp://example.org/file"}, "external_url"),
    ("photo", {"license_url": "file:///etc/passwd"}, "license_url"),
    ("source", {"title": "   "}, "title"),
    ("event", {"title_en": " \t "}, "title_en"),
    ("figure", {"scope_en": "   "}, "scope_en"),
    ("source", {"title": "x" * 501}, "title"),
    ("event", {"title_en": "x" * 256}, "title_en"),
    ("figure", {"quote": "x" * 501}, "quote"),
    ("event", {"title_en": "Before\x00after"}, "title_en"),
    ("event", {"summary_en": "A summary\x00"}, "summary_en"),
    ("article", {"title_en": "\x00"}, "title_en"),
    ("commemoration", {"year": "1989", "date": "1989-01-20"}, "year"),
    ("commemoration", {"date": "2022-01-20"}, "date"),
    ("event", {"slug": "not a slug!"}, "slug"),
    ("event", {"body_en": "<div>" * 200 + "words"}, "body_en"),
    ("article", {"body_ru": "<blockquote>" * 20_000}, "body_ru"),
    ("figure", {"as_of_date": "1990-02-31"}, "as_of_date"),
]


def _ids(case):
    name, overrides, field = case
    return f"{name}-{field or 'form'}-{next(iter(overrides))}"


@pytest.mark.parametrize("case", BAD_INPUT, ids=[_ids(c) for c in BAD_INPUT])
def test_bad_input_is_refused_on_its_field(curator_client, case):
    """The form comes back with the error where the curator must look; nothing is written."""
    name, overrides, field = case
    spec = SPEC[name]
    source = factories.make_source()
    page = curator_client.get(spec.url("add"))
    data = admin_form_data(page, **{**spec.valid(source), **overrides})
    before = spec.model.objects.count(), spec.model.history.count()

    response = curator_client.post(spec.url("add"), data)

    assert response.status_code == 200
    form = response.context["adminform"].form
    if field is None:
        assert form.non_field_errors()
    else:
        assert form.errors.get(field), form.errors
    assert (spec.model.objects.count(), spec.model.history.count()) == before


def test_alt_text_is_required_unless_decorative(curator_client):
    """A photo without alternative text is refused unless marked decorative."""
    spec = SPEC["photo"]
    source = factories.make_source()
    page = curator_client.get(spec.url("add"))
    data = admin_form_data(page, **{**spec.valid(source), "alt_text_en": ""})
    response = curator_client.post(spec.url("add"), data)
    assert response.status_code == 200
    assert not spec.model.objects.exists()


def test_html_in_plain_text_is_kept_as_text_and_shown_escaped(curator_client):
    """Markup typed in a title is stored as typed and never rendered as markup."""
    spec = SPEC["event"]
    title = '<script>alert("x")</script><b>Bold</b>'
    page = curator_client.get(spec.url("add"))
    data = admin_form_data(page, **{**spec.valid(factories.make_source()), "title_en": title})
    assert curator_client.post(spec.url("add"), data).status_code == 302
    event = Event.objects.get(slug="troops-enter-baku")
    assert event.title_en == title

    changelist = curator_client.get(spec.url("changelist")).content.decode()
    assert escape(title) in changelist
    assert title not in changelist


PASTED = """
<p onclick="steal()">Plain <strong>bold</strong> <em>italic</em>
<a href="https://example.org/report">a link</a></p>
<ul><li>first</li><li>second</li></ul>
<script>alert(1)</script>
<iframe src="https://evil.example/"></iframe>
<a href="javascript:alert(2)">bad link</a>
<a href="data:text/html;base64,PHNjcmlwdD4=">data link</a>
<p style="color: red">styled</p>
<img src="x" onerror="alert(3)">
"""


def test_article_body_is_sanitised_on_save(curator_client):
    """Scripts, handlers, frames, styles and unsafe links go; formatting, links, lists stay."""
    spec = SPEC["article"]
    page = curator_client.get(spec.url("add"))
    data = admin_form_data(
        page, **{**spec.valid(factories.make_source()), "body_en": PASTED, "body_ru": PASTED}
    )
    assert curator_client.post(spec.url("add"), data).status_code == 302
    article = Article.objects.get(slug="what-the-newspapers-said")
    for body in (article.body_en, article.body_ru):
        for gone in ["<script", "onclick", "<iframe", "javascript:", "data:", "style=", "onerror"]:
            assert gone not in body
        for kept in ["<strong>bold</strong>", "<em>italic</em>", "<ul>", "<li>first</li>"]:
            assert kept in body
        assert 'href="https://example.org/report"' in body


def test_future_publication_time_is_entered_in_baku_time(curator_client):
    """A publication time typed by a curator is Baku time (UTC+4)."""
    spec = SPEC["article"]
    page = curator_client.get(spec.url("add"))
    data = admin_form_data(
        page,
        **spec.valid(factories.make_source()),
        is_published="on",
        published_at_0="2031-01-20",
        published_at_1="12:00:00",
    )
    assert curator_client.post(spec.url("add"), data).status_code == 302
    article = Article.objects.get(slug="what-the-newspapers-said")
    assert article.published_at.isoformat() == "2031-01-20T08:00:00+00:00"


def test_a_title_over_its_length_is_announced_with_its_count(superuser_client):
    """No `maxlength` for the browser to cut a pasted title with: the form says how long
    it is and keeps it."""
    url = reverse("admin:events_event_add")
    assert 'maxlength="255"' not in superuser_client.get(url).content.decode()
    title = "Troops enter Baku " * 20
    response = superuser_client.post(url, {"title_en": title, "slug": "troops"})
    errors = response.context["adminform"].form.errors["title_en"]
    assert f"at most 255 characters (it has {len(title.strip())})" in errors[0]
