import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_renders_in_chromium(live_server, page):
    """The home page loads in a real browser and has one main heading."""
    page.goto(f"{live_server.url}/en/")
    assert page.locator("h1").count() == 1
