"""The wall and a person's page in Chromium: no accessibility violation at phone and desktop width."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.browser.test_public import axe_violations
from tests.factories import make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("language", ["az", "ru"])
def test_the_wall_and_a_person_page_have_no_axe_violations(
    live_server, page, names, axe_source, width, language
):
    """axe-core finds no WCAG A/AA violation on the wall, a filtered wall and a person page."""
    page.set_viewport_size({"width": width, "height": 900})
    with translation.override(language):
        urls = [
            reverse("people:wall"),
            reverse("people:wall") + "?age=child",
            names["ilham"].get_absolute_url(),
            names["grave"].get_absolute_url(),
        ]
    failures = {}
    for url in urls:
        page.goto(live_server.url + url)
        violations = axe_violations(page, axe_source)
        if violations:
            failures[url] = violations
    assert failures == {}


@pytest.mark.parametrize("language", ["az", "en", "ru"])
def test_the_wall_fits_a_phone_with_a_long_place_of_death(
    live_server, page, names, source, language
):
    """The filter's list of places is as wide as its longest place unless held to the page."""
    make_person(
        source,
        slug="far-place",
        given_name_en="Vidadi",
        surname_en="Mammadov",
        place_of_death_az="Keçmiş “Naxçıvan” mehmanxanasının qarşısı, Bakı",
        place_of_death_en="In front of the former Nakhchivan hotel, Baku",
        place_of_death_ru="Напротив бывшей гостиницы «Нахчыван», Баку",
    )
    page.set_viewport_size({"width": 390, "height": 900})
    with translation.override(language):
        page.goto(live_server.url + reverse("people:wall"))
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
