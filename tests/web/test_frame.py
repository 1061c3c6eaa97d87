"""The site's frame (title, navigation, footer) and the alternates on every page.

The frame is the same on every page but for the section marked as the current
one, its language and the site's name; these tests change one of those at a
time and expect the page to follow.
"""

import re

import pytest
from django.test import override_settings


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
