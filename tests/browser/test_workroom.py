"""The curators' workroom in Chromium, as a curator uses it: every admin page under the
Content-Security-Policy without an error, lists that fit a laptop's screen, and the forms
that keep what the curator did."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse

from memorial.articles.models import Article
from memorial.core.html import sanitize_html
from memorial.curation.loader import load_fixtures
from memorial.photos.models import Photo
from tests import factories
from tests.security.test_csp_browser import LISTEN

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-curator-passphrase"
LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture
def curator_page(live_server, page):
    """A signed-in superuser's page, collecting console errors and policy violations."""
    get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)
    problems = []
    page.add_init_script(LISTEN)
    page.on(
        "console",
        lambda message: message.type in ("error", "warning") and problems.append(message.text),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.violations = lambda: problems + page.evaluate("window.__violations || []")
    page.forget_violations = problems.clear
    page.set_viewport_size(LAPTOP)
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "root")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + reverse("admin:index"))
    return page


@pytest.fixture
def content(settings, tmp_path):
    """The memorial's real content, as a fresh install has it."""
    settings.MEDIA_ROOT = tmp_path / "media"
    load_fixtures(settings.MEMORIAL_FIXTURES_DIR)


def changelists():
    for model in admin.site._registry:
        opts = model._meta
        yield reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")


def test_the_content_health_link_on_the_index_can_be_clicked(live_server, curator_page):
    page = curator_page
    assert page.locator("#content-related").count() == 1
    page.get_by_role("link", name="Content health: what needs fixing").click()
    page.wait_for_url(live_server.url + reverse("admin:content_health"))


def test_every_change_list_fits_a_laptop_screen(live_server, curator_page, content):
    """At 1366 px, no list needs a horizontal scroll: its table fits its column."""
    page = curator_page
    too_wide = {}
    for url in changelists():
        page.goto(live_server.url + url)
        widths = page.evaluate(
            """() => {
              const results = document.querySelector('#changelist .results');
              return results ? [results.scrollWidth, results.clientWidth] : [0, 0];
            }"""
        )
        if widths[0] > widths[1]:
            too_wide[url] = widths
    assert too_wide == {}


def admin_pages(user):
    """Every kind of admin page: the index, each list, add form, change form and history,
    a version's revert form, content health, the figures side by side, the names' import."""
    yield reverse("admin:index")
    yield reverse("admin:content_health")
    yield reverse("admin:figures_figure_compare")
    yield reverse("admin:password_change")
    yield reverse("admin:people_person_import")
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        name = f"admin:{opts.app_label}_{opts.model_name}"
        yield reverse(f"{name}_changelist")
        request = RequestFactory().get("/")
        request.user = user
        if model_admin.has_add_permission(request):
            yield reverse(f"{name}_add")
        obj = model._default_manager.order_by("pk").first()
        if obj is None:
            continue
        yield reverse(f"{name}_change", args=[obj.pk])
        yield reverse(f"{name}_history", args=[obj.pk])
        history = getattr(obj, "history", None)
        if history is not None and history.exists():
            record = history.order_by("history_id").first()
            yield reverse(f"{name}_simple_history", args=[obj.pk, record.history_id])


def test_no_admin_page_reports_a_policy_violation_or_a_script_error(
    live_server, curator_page, content
):
    page = curator_page
    failures = {}
    urls = list(admin_pages(get_user_model().objects.get(username="root")))
    assert len(urls) > 40
    for url in urls:
        page.goto(live_server.url + url)
        page.wait_for_load_state("load")
        found = page.violations()
        if found:
            failures[url] = found
        page.forget_violations()
    assert sorted(failures) == []


def test_the_rich_text_editor_writes_what_the_sanitiser_keeps(live_server, curator_page):
    """A curator writes a body in the editor (a heading, bold words, a list, a link): the
    editor works under the policy, and the HTML it writes is stored exactly as written."""
    page = curator_page
    page.goto(live_server.url + reverse("admin:articles_article_add"))
    editor = page.get_by_role("textbox", name="Body [en]")
    assert editor.is_visible()
    assert not page.locator("#id_body_en").is_visible()
    editor.click()
    page.keyboard.type("## The night of 20 January")
    page.keyboard.press("Enter")
    page.keyboard.type("Troops entered ")
    page.keyboard.press("Control+b")
    page.keyboard.type("Baku")
    page.keyboard.press("Control+b")
    page.keyboard.type(" at midnight.")
    page.keyboard.press("Enter")
    page.keyboard.type("- Salyan barracks")
    page.keyboard.press("Enter")
    page.keyboard.type("Tbilisi avenue")
    html = page.input_value("#id_body_en")
    assert "<h2>The night of 20 January</h2>" in html
    assert "Baku</strong>" in html
    assert "<ul><li><p>Salyan barracks</p></li><li><p>Tbilisi avenue</p></li></ul>" in html
    assert sanitize_html(html) == html

    # A link, as the editor writes it.
    editor.evaluate(
        """(element) => {
          const editor = element.editor;
          editor.chain().focus().insertContent(' See ').insertContent({
            type: 'text', text: 'the report', marks: [{type: 'link', attrs: {href: 'https://example.org/report?a=1&b=2'}}]
          }).run();
        }"""
    )
    html = page.input_value("#id_body_en")
    assert '<a href="https://example.org/report?a=1&amp;b=2" rel="noopener noreferrer">' in html
    assert sanitize_html(html) == html

    page.fill("#id_title_en", "The night of 20 January")
    page.fill("#id_publisher", "The memorial")
    page.select_option("#id_kind", "summary")
    invalid = page.evaluate(
        "() => Array.from(document.querySelectorAll(':invalid')).map(e => e.name)"
    )
    assert invalid == []
    page.click("input[name=_save]")
    page.wait_for_url(live_server.url + reverse("admin:articles_article_changelist"))
    assert list(Article.objects.values_list("slug", "body_en")) == [
        ("the-night-of-20-january", html)
    ]
    assert page.violations() == []


def test_an_upload_survives_an_error_in_another_field(live_server, curator_page, tmp_path):
    """A curator adds a photo but forgets the Russian description: the form comes back with
    the description marked, the chosen image kept with its preview, and saving again
    without choosing the file stores the photo."""
    page = curator_page
    source = factories.make_source(title="Black January Memorial")
    image = tmp_path / "carnations.jpg"
    image.write_bytes(factories.image_bytes(size=(120, 80)))
    page.goto(live_server.url + reverse("admin:photos_photo_add"))
    for code in ("az", "en", "ru"):
        assert "required" in page.get_attribute(f"label[for=id_alt_text_{code}]", "class")
    page.fill("#id_title_en", "Carnations on the steps")
    page.set_input_files("#id_image", str(image))
    page.fill("#id_alt_text_en", "Red carnations lie on grey stone steps.")
    page.fill("#id_alt_text_az", "Boz daş pilləkənlərdə qırmızı qərənfillər.")
    page.fill("#id_credit", "Black January Memorial")
    # The source is chosen in an autocomplete box; its option is put in as a choice would.
    page.evaluate(
        "([pk, text]) => document.querySelector('#id_source').add(new Option(text, pk, true, true))",
        [str(source.pk), str(source)],
    )
    page.fill("#id_rights_en", "Made for this memorial.")
    page.click("input[name=_save]")
    page.wait_for_load_state()

    assert "Describe the image in this language too" in page.inner_text(".field-alt_text_ru")
    preview = page.locator(".memorial-pending-upload img")
    assert preview.is_visible()
    assert preview.evaluate("img => img.complete && img.naturalWidth") == 120
    assert "120 × 80 pixels" in page.inner_text(".memorial-pending-upload")

    page.fill("#id_alt_text_ru", "Красные гвоздики лежат на серых каменных ступенях.")
    page.click("input[name=_save]")
    page.wait_for_url(live_server.url + reverse("admin:photos_photo_changelist"))
    photo = Photo.objects.get()
    assert (photo.width, photo.height) == (120, 80)
    assert page.violations() == []


def test_a_title_over_255_characters_is_announced_not_cut(live_server, curator_page):
    """The browser no longer cuts a pasted title silently: the form says how long it is and
    keeps all of it for the curator to shorten."""
    page = curator_page
    page.goto(live_server.url + reverse("admin:events_event_add"))
    assert page.get_attribute("#id_title_en", "maxlength") is None
    long_title = ("The night of 19 to 20 January 1990 in Baku, " * 7).strip()
    page.fill("#id_title_en", long_title)
    assert len(page.input_value("#id_title_en")) == len(long_title) > 255
    page.click("input[name=_save]")
    page.wait_for_load_state()
    error = page.inner_text(".field-title_en .errorlist")
    assert f"at most 255 characters (it has {len(long_title)})" in error
    assert page.input_value("#id_title_en") == long_title
    assert page.violations() == []


def test_an_over_size_form_is_explained_in_the_workrooms_look(live_server, curator_page, settings):
    """A body past the form data limit gets a page of the admin saying what happened and
    what to do, under the policy, not the debug page or a bare 400."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 50_000
    page = curator_page
    page.goto(live_server.url + reverse("admin:articles_article_add"))
    page.fill("#id_title_en", "A very long article")
    page.evaluate("document.querySelector('#id_body_en').value = 'x'.repeat(60000)")
    page.click("input[name=_save]")
    page.wait_for_load_state()
    assert page.locator("#header").is_visible()
    alert = page.get_by_role("alert")
    assert "larger than the 48.8\xa0KB one form may send, so nothing was saved" in (
        alert.inner_text()
    )
    assert "Go back in your browser" in page.inner_text("#content-main")
    # Chromium notes the 413 status itself; nothing else is reported.
    assert [v for v in page.violations() if "status of 413" not in v] == []


def test_a_curator_acknowledges_a_known_gap_in_content_health(live_server, curator_page):
    """Content health lists problems by kind with counts; acknowledging a figure that is
    undated on purpose, with a reason, takes it out of the count and lists it apart."""
    page = curator_page
    factories.make_figure(
        as_of_date=None,
        as_of_precision="unknown",
        as_of_note_en="current official count",
        as_of_note_az="cari rəsmi rəqəm",
        as_of_note_ru="текущие официальные данные",
        scope_az="Bakı",
        scope_ru="Баку",
    )
    factories.make_event(sources=[], summary_az="Bəli.", summary_ru="Да.")
    page.goto(live_server.url + reverse("admin:content_health"))
    summary = page.inner_text(".memorial-health-summary")
    assert "Figures without an as-of date: 1" in summary
    assert "Events without a source: 1" in summary
    assert "2 problems need a curator." in page.inner_text("#content-main")

    row = page.locator("tr", has_text="current official count")
    row.get_by_placeholder("Why it stays").fill("The source gives no date: a standing count.")
    row.get_by_role("button", name="Acknowledge").click()
    page.wait_for_load_state()
    assert "1 problem needs a curator." in page.inner_text("#content-main")
    known = page.inner_text("#acknowledged")
    assert "a standing count" in known
    assert "root" in known
    assert page.violations() == []
