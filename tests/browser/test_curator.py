import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from memorial.core.roles import sync_curators_group
from memorial.events.models import Event
from memorial.figures.models import Figure
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-curator-passphrase"


def test_curator_adds_a_figure_with_its_source_and_publishes_an_event(live_server, page, browser):
    """Through the admin, a curator enters a source with its figure and publishes an event;
    a visitor then finds both on the public site."""
    curator = get_user_model().objects.create_user("curator", password=PASSWORD, is_staff=True)
    curator.groups.add(sync_curators_group())
    event = factories.make_event(title_en="Troops enter Baku", is_published=False)

    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "curator")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + reverse("admin:index"))

    page.goto(live_server.url + reverse("admin:sources_source_add"))
    page.fill("#id_title", "Report of the parliamentary commission")
    page.select_option("#id_kind", "government")
    page.get_by_role("button", name="Add another Figure").click()
    page.fill("#id_figures-0-key", "killed-commission")
    page.select_option("#id_figures-0-quantity", "killed")
    page.fill("#id_figures-0-value_low", "131")
    page.fill("#id_figures-0-scope_en", "Baku and its districts")
    page.check("#id_figures-0-is_published")
    page.click("input[name=_save]")
    page.wait_for_url(live_server.url + reverse("admin:sources_source_changelist"))

    figure = Figure.objects.get(key="killed-commission")
    # The key was filled in from the title as the curator typed.
    assert figure.source.key == "report-of-the-parliamentary-commission"
    assert figure.created_by == curator

    page.goto(live_server.url + reverse("admin:events_event_changelist"))
    page.check(f"input[name=_selected_action][value='{event.pk}']")
    page.select_option("select[name=action]", "publish")
    page.click("button[name=index]")
    page.wait_for_load_state()
    assert "1 item was published." in page.content()
    assert Event.objects.get(pk=event.pk).is_published

    visitor = browser.new_page()
    visitor.goto(live_server.url + figure.get_absolute_url())
    assert "131" in visitor.locator("h1").inner_text()
    visitor.goto(live_server.url + event.get_absolute_url())
    assert visitor.locator("h1").inner_text() == "Troops enter Baku"
    visitor.close()


def _sign_in(page, live_server, username):
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + reverse("admin:index"))


def test_two_curators_on_one_event_the_second_is_told_and_keeps_their_text(
    live_server, page, browser, tmp_path
):
    """Two curators open the same event in their browsers. The first saves a new title;
    the second, saving a title of their own, sees the conflict at the top of the form
    and on the title, their text still in the field; saving again keeps theirs."""
    group = sync_curators_group()
    for name in ("first", "second"):
        get_user_model().objects.create_user(name, password=PASSWORD, is_staff=True).groups.add(
            group
        )
    event = factories.make_event(title_en="Troops enter Baku")
    url = live_server.url + reverse("admin:events_event_change", args=[event.pk])
    other = browser.new_context().new_page()
    _sign_in(page, live_server, "first")
    _sign_in(other, live_server, "second")
    page.goto(url)
    other.goto(url)

    page.fill("#id_title_en", "Troops enter the city")
    page.click("input[name=_save]")
    page.wait_for_url(live_server.url + reverse("admin:events_event_changelist"))

    other.fill("#id_title_en", "Tanks enter Baku")
    other.click("input[name=_save]")
    other.wait_for_load_state()
    other.screenshot(path=tmp_path / "conflict.png", full_page=True)
    assert other.locator(".errornote").is_visible()
    top = other.locator(".errorlist.nonfield").inner_text()
    assert "first saved this event" in top
    assert "Changed meanwhile: Title [en]." in top
    assert "Changed by someone else" in other.locator(".field-title_en .errorlist").inner_text()
    assert other.input_value("#id_title_en") == "Tanks enter Baku"
    event.refresh_from_db()
    assert event.title_en == "Troops enter the city"

    other.click("input[name=_save]")
    other.wait_for_url(live_server.url + reverse("admin:events_event_changelist"))
    event.refresh_from_db()
    assert event.title_en == "Tanks enter Baku"
    other.context.close()
