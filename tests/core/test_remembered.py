"""What pages remember between requests: addresses, dates and the site's frame.

Each is kept under everything it depends on (language, script prefix, section);
these tests change one of those at a time and expect the answer to follow.
"""

import datetime
import re

import pytest
from django.test import override_settings
from django.urls import clear_script_prefix, set_script_prefix
from django.urls import reverse as django_reverse
from django.utils import translation

from memorial.core.dates import DatePrecision, format_partial_date
from memorial.core.languages import shown_language, text_in
from memorial.core.links import reverse, slug_addresses
from tests.factories import make_figure

LANGUAGES = ("az", "en", "ru")


@pytest.mark.parametrize("language", LANGUAGES)
def test_remembered_addresses_are_django_s_in_every_language(language):
    for viewname, kwargs in (
        ("events:detail", {"slug": "night-of-20-january"}),
        ("figures:detail", {"key": "omm-killed-131"}),
        ("commemorations:detail", {"year": 2026}),
        ("pages:home", None),
    ):
        with translation.override(language):
            # Twice: the second answer comes from memory.
            assert reverse(viewname, kwargs=kwargs) == django_reverse(viewname, kwargs=kwargs)
            assert reverse(viewname, kwargs=kwargs) == django_reverse(viewname, kwargs=kwargs)
            assert reverse(viewname, kwargs=kwargs).startswith(f"/{language}/")


def test_remembered_addresses_follow_the_script_prefix():
    with translation.override("en"):
        assert reverse("pages:about") == "/en/about/"
        set_script_prefix("/memorial/")
        try:
            assert reverse("pages:about") == "/memorial/en/about/"
        finally:
            clear_script_prefix()
        assert reverse("pages:about") == "/en/about/"


def test_remembered_addresses_are_forgotten_when_the_url_configuration_changes():
    with translation.override("en"):
        assert reverse("pages:about") == "/en/about/"
        with override_settings(ROOT_URLCONF="bench.urls"):
            assert reverse("bench-minimal") == django_reverse("bench-minimal")
        assert reverse("pages:about") == "/en/about/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_addresses_of_a_list_are_django_s(language):
    with translation.override(language):
        address = slug_addresses("figures:detail", "key")
        for key in ("omm-killed-131", "moh_killed_170", "a", "slug-marker-2"):
            assert address(key) == django_reverse("figures:detail", kwargs={"key": key})
        set_script_prefix("/memorial/")
        try:
            address = slug_addresses("sources:detail", "key")
            assert address("omm-2026") == f"/memorial/{language}/sources/omm-2026/"
        finally:
            clear_script_prefix()


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_text_read_from_the_language_columns_is_what_the_field_shows(language):
    figure = make_figure(
        scope_az="Bakı", scope_en="Baku", scope_ru="", note_ru="Только по-русски", as_of_note=""
    )
    with translation.override(language):
        for field in ("scope", "note", "as_of_note"):
            text, code = text_in(figure, field, language)
            assert text == getattr(figure, field)
            assert code == shown_language(figure, field)
    assert text_in(figure, "note", "en") == ("Только по-русски", "ru")
    assert text_in(figure, "as_of_note", "en") == ("", "")


def test_remembered_dates_are_written_in_the_language_asked_each_time():
    day = datetime.date(1990, 1, 20)
    expected = {"az": "20 yanvar 1990", "en": "20 January 1990", "ru": "20 января 1990"}
    for _ in range(2):
        for language in LANGUAGES:
            with translation.override(language):
                assert format_partial_date(day, DatePrecision.DAY) == expected[language]
    with translation.override("ru"):
        assert format_partial_date(day, DatePrecision.MONTH) == "январь 1990"
        assert format_partial_date(None, DatePrecision.UNKNOWN) != "date unknown"


def _current_links(html):
    """The labels of the header's links marked as the current page."""
    header = html[html.index('<header class="site-header"') : html.index("</header>")]
    return [
        re.sub(r"<[^>]+>", "", label).strip()
        for label in re.findall(r'aria-current="page">(.*?)</a>', header, re.S)
    ]


@pytest.mark.django_db
def test_the_frame_marks_the_section_of_each_page_whatever_came_before(client):
    pages = [
        ("/en/timeline/", ["Timeline"]),
        ("/en/toll/", ["The toll"]),
        ("/en/about/", ["About"]),
        ("/en/", ["Black January Memorial"]),
        ("/en/sources/", ["Sources"]),
        ("/en/timeline/", ["Timeline"]),
    ]
    for path, current in pages:
        html = client.get(path).content.decode()
        assert _current_links(html) == current, path


@pytest.mark.django_db
def test_the_frame_is_kept_per_language(client):
    words = {"az": "Xronologiya", "en": "Timeline", "ru": "Хроника"}
    for _ in range(2):
        for language, word in words.items():
            html = client.get(f"/{language}/about/").content.decode()
            nav = html[html.index('<nav class="site-nav"') :]
            assert word in nav[: nav.index("</nav>")], language
            footer = html[html.index('<footer class="site-footer"') :]
            assert f'href="/{language}/about/#corrections"' in footer


@pytest.mark.django_db
def test_the_frame_follows_the_site_name(client):
    client.get("/en/about/")
    with override_settings(MEMORIAL_SITE_NAME="A Renamed Memorial"):
        html = client.get("/en/about/").content.decode()
    header = html[html.index('<header class="site-header"') : html.index("</header>")]
    assert "A Renamed Memorial" in header


@pytest.mark.django_db
def test_alternates_keep_the_query_of_a_filtered_list(client):
    html = client.get("/en/timeline/?kind=main").content.decode()
    links = dict(re.findall(r'<link rel="alternate" hreflang="([a-z-]+)" href="([^"]+)"', html))
    assert links["az"].endswith("/az/timeline/?kind=main")
    assert links["ru"].endswith("/ru/timeline/?kind=main")
    assert links["x-default"] == links["en"]
