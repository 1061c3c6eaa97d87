"""The Content-Security-Policy in a real Chromium: nothing on the site or in the admin is blocked."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from memorial.sources.models import Source
from tests.security.conftest import crawl

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-curator-passphrase"

# Recorded before any page script runs; Playwright injects it outside the page's policy.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.fixture
def watched(page):
    """The page, with every console error, page error and CSP violation collected."""
    problems = []
    page.add_init_script(LISTEN)
    page.on(
        "console",
        lambda message: message.type in ("error", "warning") and problems.append(message.text),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))

    def violations():
        return problems + page.evaluate("window.__violations || []")

    page.violations = violations
    return page


def test_no_public_page_reports_a_violation(live_server, watched, client, memorial_content):
    """Every public HTML page, loaded in Chromium under the policy, reports no violation or error."""
    paths = [
        path
        for path, response in crawl(client)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html")
    ]
    assert len(paths) >= 25
    for path in paths:
        watched.goto(live_server.url + path)
        watched.wait_for_load_state("load")
        assert watched.violations() == [], path


def test_the_admin_works_under_the_policy(live_server, watched):
    """Log in, fill a change form with the calendar and the Today shortcut, add an inline,
    save, then use the action dropdown: no violation, no script error."""
    get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)
    page = watched
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "root")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + reverse("admin:index"))

    page.goto(live_server.url + reverse("admin:sources_source_add"))
    page.fill("#id_title", "Izvestia, 21 January 1990")
    page.select_option("#id_kind", "press")
    # The calendar opens and a day can be picked; then the Today shortcut fills the date.
    page.click("#calendarlink0")
    assert page.locator("#calendarbox0").is_visible()
    page.locator("#calendarin0 td a").first.click()
    assert page.input_value("#id_date")
    page.click(".datetimeshortcuts a:has-text('Today')")
    assert page.input_value("#id_date")
    page.select_option("#id_date_precision", "day")
    page.get_by_role("button", name="Add another Figure").click()
    page.fill("#id_figures-0-key", "killed-izvestia")
    page.select_option("#id_figures-0-quantity", "killed")
    page.fill("#id_figures-0-value_low", "93")
    page.fill("#id_figures-0-scope_en", "Baku")
    page.click("input[name=_save]")
    page.wait_for_url(live_server.url + reverse("admin:sources_source_changelist"))
    source = Source.objects.get(key="izvestia-21-january-1990")
    assert source.figures.count() == 1

    # actions.js counts the selection and enables the action bar.
    page.check(f"input[name=_selected_action][value='{source.pk}']")
    assert page.inner_text(".action-counter").startswith("1 of 1")
    page.select_option("select[name=action]", "delete_selected")
    page.click("button[name=index]")
    page.wait_for_load_state()
    # The figure protects its source: the action ran and explained why it cannot delete.
    assert "Cannot delete source" in page.inner_text("#content")
    assert page.violations() == []
