"""The public pages in Chromium: accessibility, keyboard, the graphic-content notice, layout."""

from pathlib import Path

import pytest
from django.urls import reverse

from tests.browser.axe import AXE, axe_violations
from tests.pages.conftest import page_urls as public_page_urls

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture(scope="module")
def axe_source():
    """axe-core's source, injected into each page (imported by other suites' browser tests)."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` at the project root")
    return AXE.read_text()


@pytest.fixture
def content(memorial_content):
    return memorial_content


def page_urls(content):
    return {**public_page_urls(content), "not-found": "/en/no-such-page/"}


def test_every_page_type_has_no_axe_violations(live_server, page, content, axe_source):
    """axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation on any page type."""
    failures = {}
    for name, url in page_urls(content).items():
        page.goto(live_server.url + url)
        violations = axe_violations(page, axe_source)
        if violations:
            failures[name] = violations
    assert failures == {}


def test_graphic_content_notice_opens_with_the_keyboard(live_server, page, content):
    """The graphic photo stays hidden until the visitor opens the notice, without scripts."""
    page.goto(live_server.url + content["graphic"].get_absolute_url())
    shown = "el => el.checkVisibility()"
    assert not page.eval_on_selector(".graphic-notice img", shown)
    page.locator(".graphic-notice summary").focus()
    page.keyboard.press("Enter")
    assert page.eval_on_selector(".graphic-notice img", shown)


def test_graphic_content_notice_works_with_javascript_off(live_server, browser, content):
    """With JavaScript disabled the notice still opens."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + content["graphic"].get_absolute_url())
    shown = "el => el.checkVisibility()"
    assert not page.eval_on_selector(".graphic-notice img", shown)
    page.locator(".graphic-notice summary").click()
    assert page.eval_on_selector(".graphic-notice img", shown)
    context.close()


def test_keyboard_reaches_the_skip_link_search_and_every_menu_item(live_server, page, content):
    """Tab goes to the skip link first, then home, search, and each menu item in order."""
    page.goto(live_server.url + reverse("pages:home"))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.locator(".skip-link").is_visible()
    labels = []
    while "About" not in labels and len(labels) < 20:
        page.keyboard.press("Tab")
        labels.append(page.evaluate("document.activeElement.textContent.trim()"))
    menu = ["Timeline", "The toll", "Photos", "Articles", "Commemorations", "Sources", "About"]
    assert labels[-len(menu) :] == menu
    assert "Search" in labels[: -len(menu)]
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + reverse("pages:about"))


def test_skip_link_moves_focus_to_main(live_server, page, content):
    """Following the skip link lands in the main content."""
    page.goto(live_server.url + reverse("events:list"))
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_no_request_leaves_the_site(live_server, page, content):
    """Fonts, styles and scripts all come from the site itself."""
    hosts = set()
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    for url in page_urls(content).values():
        page.goto(live_server.url + url)
    assert hosts == {live_server.url.split("/")[2]}


@pytest.mark.parametrize("width", [390, 1366])
def test_screenshots_at_phone_and_desktop_width(live_server, page, content, width):
    """Every page type fits the width without horizontal scrolling; screenshots for a human eye."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    for name, url in page_urls(content).items():
        page.goto(live_server.url + url)
        page.screenshot(path=str(SCREENSHOTS / f"small-{name}-{width}.png"), full_page=True)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, name
