"""A new topic app plugs in through the registry alone: nothing in core or in the
cross-cutting apps names it, yet search, the sitemap, open data, content health,
the menu, the home page, the curators' permissions and the loader all take it in."""

import datetime
import json

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from memorial.core import registry
from memorial.curation import health, roles
from memorial.curation.loader import load_order

NEW_APP = "tests.newtopic"


@pytest.fixture
def new_topic(transactional_db):
    """The throwaway app installed, its table created, and both gone afterwards."""
    with override_settings(
        INSTALLED_APPS=[*settings.INSTALLED_APPS, NEW_APP], ROOT_URLCONF="tests.newtopic.urls"
    ):
        wreath = apps.get_model("newtopic", "Wreath")
        with connection.schema_editor() as editor:
            editor.create_model(wreath)
        try:
            yield wreath
        finally:
            with connection.schema_editor() as editor:
                editor.delete_model(wreath)


@pytest.fixture
def wreath(new_topic):
    return new_topic.objects.create(
        slug="twentieth-wreath",
        title_en="Carnations from the Baku schools",
        laid_by="",
        body_en='<a href="javascript:alert(1)">see</a>',
        laid_on=datetime.date(2026, 1, 20),
        is_published=True,
    )


def test_nothing_is_declared_for_an_app_that_is_not_installed():
    """Without the app installed, none of its contributions exist."""
    labels = [content.model for content in registry.contributions(registry.Content)]
    assert "newtopic.Wreath" not in labels
    assert {label.partition(".")[0] for label in labels} <= {
        app.label for app in apps.get_app_configs()
    }


def test_the_menu_and_the_home_page_show_it(client, wreath):
    """Its menu link follows the others, and its home section shows its latest wreath."""
    page = client.get(reverse("pages:home")).content.decode()
    menu = page[page.index('class="site-nav"') :]
    assert menu.index(reverse("sources:list")) < menu.index(reverse("newtopic:list"))
    assert "Wreaths laid" in page
    assert wreath.get_absolute_url() in page


def test_the_menu_marks_its_pages_current(client, wreath):
    page = client.get(reverse("newtopic:list")).content.decode()
    assert f'href="{reverse("newtopic:list")}" aria-current="page"' in page


def test_search_finds_it_in_its_own_group(client, wreath):
    """Search folds its text like any other, in a group of its own, and offers it as a kind."""
    response = client.get(reverse("search:search"), {"q": "CARNATIONS Bakü"})
    page = response.content.decode()
    assert '<option value="wreaths">Wreaths</option>' in page
    assert '<h2 id="group-wreaths">Wreaths <span class="count">' in page
    assert wreath.get_absolute_url() in page
    only = client.get(reverse("search:search"), {"q": "carnations", "type": "wreaths"})
    assert only.status_code == 200
    assert wreath.get_absolute_url() in only.content.decode()


def test_the_sitemap_lists_its_list_page_and_objects_in_every_language(client, wreath):
    sitemap = client.get(reverse("sitemap")).content.decode()
    for code, _name in settings.LANGUAGES:
        assert f"http://testserver/{code}/wreaths/</loc>" in sitemap
        assert f"http://testserver/{code}/wreaths/twentieth-wreath/</loc>" in sitemap
        assert f'hreflang="{code}" href="http://testserver/{code}/wreaths/twentieth-wreath/"' in (
            sitemap
        )


def test_open_data_offers_its_table(client, wreath, new_topic):
    """Listed on the data page, downloadable, and described in the data package."""
    index = client.get(reverse("opendata:index")).content.decode()
    assert reverse("opendata:table", kwargs={"name": "wreaths", "fmt": "csv"}) in index
    rows = json.loads(
        client.get(reverse("opendata:table", kwargs={"name": "wreaths", "fmt": "json"})).content
    )
    assert rows == [
        {
            "slug": "twentieth-wreath",
            "path": "/en/wreaths/twentieth-wreath/",
            "title_az": None,
            "title_en": "Carnations from the Baku schools",
            "title_ru": None,
            "laid_by": "",
            "laid_on": "2026-01-20",
        }
    ]
    package = json.loads(client.get(reverse("opendata:datapackage")).content)
    (resource,) = [r for r in package["resources"] if r["name"] == "wreaths"]
    assert resource["path"] == "wreaths.csv"
    assert "wreaths.json" in resource["description"]
    new_topic.objects.update(is_published=False)
    drafts = client.get(reverse("opendata:table", kwargs={"name": "wreaths", "fmt": "json"}))
    assert json.loads(drafts.content) == []


def test_content_health_runs_its_checks_and_the_common_ones(wreath):
    """Its own check reports the missing giver; the link check reads its rich text."""
    found = {(p.check, p.obj.pk) for p in health.find_problems()}
    assert ("Wreaths without a giver", wreath.pk) in found
    assert (health.CHECK_URLS, wreath.pk) in found


def test_curators_may_edit_it(new_topic):
    assert ("newtopic", "change_wreath") in roles.curator_permission_keys()


def test_its_fixtures_load_after_what_they_depend_on(new_topic):
    """Its file is found by its label; it comes after the apps its models point at."""
    order = load_order()
    assert order.index("auth") < order.index("newtopic")
