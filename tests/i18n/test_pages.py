"""Every page type in Azerbaijani, English and Russian: language, menu, alternates, switcher."""

import re
from urllib.parse import urlsplit

import pytest

from .conftest import LANGUAGES, Page, in_language, page_paths

pytestmark = pytest.mark.django_db

MENU = {
    "az": ["Xronologiya", "İtkilər", "Fotoşəkillər", "Məqalələr", "Anım günləri", "Mənbələr"],
    "en": ["Timeline", "The toll", "Photos", "Articles", "Commemorations", "Sources"],
    "ru": ["Хроника", "Число жертв", "Фото", "Статьи", "Дни памяти", "Источники"],
}
#: English interface words that must not be left on an Azerbaijani or Russian page.
ENGLISH_INTERFACE = [
    "Timeline",
    "The toll",
    "Photos",
    "Photographs",
    "Articles",
    "Commemorations",
    "Sources",
    "About",
    "Search",
    "Skip to content",
    "Send a correction",
    "How to cite",
    "In memory of",
]
HEADINGS = {
    "about": {"az": "Memorial haqqında", "en": "About this memorial", "ru": "Об этом мемориале"},
    "timeline": {"az": "Xronologiya", "en": "Timeline", "ru": "Хроника"},
    "toll": {"az": "İtkilər", "en": "The toll", "ru": "Число жертв"},
    "articles": {"az": "Məqalələr", "en": "Articles", "ru": "Статьи"},
    "commemorations": {"az": "Anım günləri", "en": "Commemorations", "ru": "Дни памяти"},
    "sources": {"az": "Mənbələr", "en": "Sources", "ru": "Источники"},
}


def get_page(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return Page(response.content.decode())


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_answers_in_the_language_with_its_menu(client, paths, language):
    """Each page type answers 200 under /az/, /en/ and /ru/ with <html lang> and the translated menu."""
    for name, path in paths.items():
        page = get_page(client, in_language(path, language))
        assert page.lang == language, name
        for item in MENU[language]:
            assert item in page.visible_text, (name, item)
        if name in HEADINGS:
            assert page.heading.startswith(HEADINGS[name][language]), (name, page.heading)


@pytest.mark.parametrize("language", ["az", "ru"])
def test_no_english_interface_text_on_azerbaijani_and_russian_pages(client, paths, language):
    """The known English menu and footer words appear on no az or ru page."""
    for name, path in paths.items():
        text = get_page(client, in_language(path, language)).visible_text
        for words in ENGLISH_INTERFACE:
            assert not re.search(rf"\b{words}\b", text), (name, language, words)


def test_hreflang_alternates_name_every_language_and_resolve(client, paths):
    """Every page links its az, en and ru versions and x-default (English); each answers 200."""
    for name, path in paths.items():
        for language in LANGUAGES:
            page = get_page(client, in_language(path, language))
            assert set(page.alternates) == {"az", "en", "ru", "x-default"}, name
            assert page.alternates["x-default"] == page.alternates["en"]
            for code, href in page.alternates.items():
                target = urlsplit(href)
                assert target.path.startswith(f"/{'en' if code == 'x-default' else code}/")
                response = client.get(target.path + (f"?{target.query}" if target.query else ""))
                assert response.status_code == 200, (name, code, href)


def test_switcher_keeps_the_visitor_on_the_same_object(client, memorial_content):
    """The switcher links the same event, figure, photo, search and page in each language."""
    paths = page_paths(memorial_content)
    for name in ("event", "figure", "photo", "commemoration", "search", "article"):
        for language in LANGUAGES:
            page = get_page(client, in_language(paths[name], language))
            assert set(page.switcher) == set(LANGUAGES), name
            for code, link in page.switcher.items():
                assert link["href"] == in_language(paths[name], code), (name, code)
                assert link["lang"] == code
            assert page.switcher[language].get("aria-current") == "true"
    event = memorial_content["night"]
    page = get_page(client, in_language(event.get_absolute_url(), "ru"))
    assert page.switcher["az"]["href"] == f"/az/timeline/{event.slug}/"


def test_switcher_names_each_language_in_that_language(client):
    page = get_page(client, "/ru/")
    names = dict.fromkeys(LANGUAGES)
    response = client.get("/ru/").content.decode()
    for code in names:
        names[code] = re.search(rf'hreflang="{code}"[^>]*>([^<]+)</a>', response).group(1)
    assert names == {"az": "Azərbaycanca", "en": "English", "ru": "Русский"}
    assert page.switcher["az"]["lang"] == "az"


def test_switcher_is_plain_links_and_sets_no_cookie(client):
    """Anonymous pages are cached by address: the switcher needs no form, session or cookie."""
    response = client.get("/az/")
    html = response.content.decode()
    switcher = html[html.index('class="language-switcher"') :]
    switcher = switcher[: switcher.index("</nav>")]
    assert "<form" not in switcher
    assert not response.cookies


def test_a_missing_page_offers_the_home_page_in_every_language(client):
    """A 404 has no alternates; its switcher leads to each language's home page."""
    response = client.get("/ru/no-such-page/")
    assert response.status_code == 404
    page = Page(response.content.decode())
    assert page.lang == "ru"
    assert page.alternates == {}
    assert {code: link["href"] for code, link in page.switcher.items()} == {
        "az": "/az/",
        "en": "/en/",
        "ru": "/ru/",
    }


FIGURE_HEADLINES = {
    "az": "Həlak olanlar: ən azı 147",
    "en": "People killed: at least 147",
    "ru": "Погибшие: не менее 147",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_figure_headline_keeps_the_number_apart_from_its_label(client, language):
    """The headline reads "label: value", never a number run into a plural label («131 Погибшие»)."""
    from tests import factories

    figure = factories.make_figure(quantity="killed", qualifier="at_least", value_low=147)
    page = get_page(client, in_language(figure.get_absolute_url(), language))
    assert page.heading == FIGURE_HEADLINES[language]
    assert not re.search(r"\d\s+\w", page.heading)
