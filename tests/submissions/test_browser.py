"""A visitor writes to the memorial in Chromium, with scripts switched off, from cached pages."""

import pytest
from django.urls import reverse
from django.utils import translation

from memorial.submissions.models import Submission
from tests.browser.test_public import axe_source, axe_violations  # noqa: F401
from tests.factories import make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def no_script_page(browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


def test_a_memory_is_sent_without_javascript_from_a_cached_person_page(
    live_server, no_script_page, settings
):
    settings.MEMORIAL_PAGE_CACHE_SECONDS = 600
    settings.MEMORIAL_SUBMISSION_MIN_SECONDS = 0
    person = make_person(slug="ilham-allahverdiyev", given_name_en="Ilham")
    page = no_script_page
    url = live_server.url + person.get_absolute_url()
    page.goto(url)
    response = page.goto(url)
    assert response.headers["x-page-cache"] == "hit"
    page.get_by_role("link", name="Send a correction or a memory").click()
    page.get_by_label("A memory").check()
    page.get_by_label("Your message").fill("He taught the children of our street to swim.")
    page.get_by_label("Your name").fill("Leyla")
    page.get_by_label("Your email").fill("leyla@example.org")
    page.get_by_label("Publish my words without my name").check()
    page.get_by_role("button", name="Send").click()
    page.wait_for_url("**/write/sent/**")
    assert "Thank you" in page.content()
    submission = Submission.objects.get()
    assert submission.person == person
    assert submission.consent == "anonymous"
    assert submission.language == "en"


def test_a_missing_name_is_sent_without_javascript_from_the_wall(
    live_server, no_script_page, settings
):
    settings.MEMORIAL_PAGE_CACHE_SECONDS = 600
    settings.MEMORIAL_SUBMISSION_MIN_SECONDS = 0
    make_person()
    page = no_script_page
    with translation.override("ru"):
        wall = live_server.url + reverse("people:wall")
    page.goto(wall)
    page.goto(wall)
    page.get_by_role("link", name="Сообщить о недостающем имени").click()
    page.get_by_label("Полное имя человека").fill("Əli Hüseynov")
    page.get_by_label("Ваше сообщение").fill("Мой дядя погиб на улице Тбилисской.")
    page.get_by_label("Ваше имя").fill("Лейла")
    page.get_by_label("Ваш адрес электронной почты").fill("leyla@example.org")
    page.get_by_role("button", name="Отправить").click()
    page.wait_for_url("**/write/sent/**")
    submission = Submission.objects.get()
    assert (submission.kind, submission.name_sent, submission.language) == (
        "name",
        "Əli Hüseynov",
        "ru",
    )


@pytest.mark.parametrize("width", [390, 1280])
def test_the_form_and_the_privacy_notice_have_no_axe_violations(
    live_server,
    page,
    axe_source,  # noqa: F811
    width,
):
    person = make_person(slug="ilham-allahverdiyev")
    page.set_viewport_size({"width": width, "height": 900})
    failures = {}
    for language in ("az", "en", "ru"):
        with translation.override(language):
            urls = [
                reverse("submissions:new") + f"?person={person.slug}",
                reverse("submissions:new"),
                reverse("submissions:privacy"),
            ]
        for url in urls:
            page.goto(live_server.url + url)
            violations = axe_violations(page, axe_source)
            if violations:
                failures[url] = violations
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert failures == {}
    assert overflow <= 0
