"""Looked at, not only asserted: every page type with the real content, in each language,
at a phone's width (390 px) and a laptop's (1366 px). Each is screenshotted into
var/screenshots/ (not committed) for a human eye; nothing overflows the viewport, no box
inside scrolls sideways, axe-core finds no WCAG A/AA violation, and the toll stays
within 15 000 px on a phone."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils.translation import override

from memorial.curation.loader import load_fixtures
from tests.browser.test_public import axe_source, axe_violations  # noqa: F401
from tests.visit.pages import LANGUAGES, visitor_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
TOLL_MAX_HEIGHT = 15_000

#: Elements wider than the viewport, and boxes that scroll sideways inside the page.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  for (const element of document.querySelectorAll('body *')) {
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    if (box.width && (box.right > width + 1 || box.left < -1) && style.position !== 'absolute') {
      found.push('wider: ' + element.tagName + '.' + element.className);
    }
    if (['auto', 'scroll'].includes(style.overflowX) && element.scrollWidth > element.clientWidth + 1) {
      found.push('scrolls: ' + element.tagName + '.' + element.className);
    }
  }
  return found.slice(0, 10);
}"""


@pytest.fixture
def real_content(tmp_path):
    """The fixtures, loaded into the live server's database, their images with them."""
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        load_fixtures(settings.MEMORIAL_FIXTURES_DIR)
        yield


@pytest.mark.parametrize("width", [390, 1366])
def test_every_page_type_in_every_language_fits_and_passes_axe(
    live_server,
    page,
    real_content,
    axe_source,  # noqa: F811
    width,
):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    failures = {}
    for language in LANGUAGES:
        with override(language):
            pages = visitor_pages()
        for name, url in pages.items():
            page.goto(live_server.url + url)
            page.screenshot(
                path=str(SCREENSHOTS / f"{language}-{name}-{width}.png"), full_page=True
            )
            problems = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            found = page.evaluate(OVERFLOW)
            if problems > 0 or found:
                failures[f"{language} {name} overflow"] = [problems, found]
            violations = axe_violations(page, axe_source)
            if violations:
                failures[f"{language} {name} axe"] = violations
            if name == "toll" and width == 390:
                height = page.evaluate("document.documentElement.scrollHeight")
                if height > TOLL_MAX_HEIGHT:
                    failures[f"{language} toll height"] = height
    assert failures == {}
