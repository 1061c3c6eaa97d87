"""axe-core in Chromium on the Azerbaijani and Russian versions of the main page types."""

import pytest

from tests.browser.test_public import axe_source, axe_violations  # noqa: F401

from .conftest import in_language, page_paths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAIN_PAGE_TYPES = ("home", "timeline", "event", "toll", "photo", "article", "commemoration")


@pytest.mark.parametrize("language", ["az", "ru"])
def test_main_page_types_have_no_axe_violations(
    live_server,
    page,
    memorial_content,
    axe_source,  # noqa: F811
    language,
):
    """No WCAG A/AA violation, the switcher and any fallback text included."""
    paths = page_paths(memorial_content)
    failures = {}
    for name in MAIN_PAGE_TYPES:
        page.goto(live_server.url + in_language(paths[name], language))
        assert page.get_attribute("html", "lang") == language
        violations = axe_violations(page, axe_source)
        if violations:
            failures[name] = violations
    assert failures == {}
