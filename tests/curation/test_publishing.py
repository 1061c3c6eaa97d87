"""Publishing from the admin: bulk actions, scheduled publication, previews."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories

from .forms import admin_form_data
from .specs import SPECS

pytestmark = pytest.mark.django_db

SPEC = {spec.name: spec for spec in SPECS}
PUBLISHABLE = [spec for spec in SPECS if spec.name != "source"]


def _action(client, spec, action, objects):
    return client.post(
        spec.url("changelist"),
        {"action": action, "_selected_action": [str(obj.pk) for obj in objects]},
        follow=True,
    )


@pytest.mark.parametrize("spec", PUBLISHABLE, ids=lambda s: s.name)
def test_bulk_publish_and_unpublish(curator_client, curator, spec):
    """The actions flip the state of the selected items, record the curator, keep history."""
    obj = spec.make(is_published=False)
    response = _action(curator_client, spec, "publish", [obj])
    assert response.status_code == 200
    obj.refresh_from_db()
    assert obj.is_published
    assert obj.updated_by == curator
    assert obj.history.first().history_user == curator
    assert spec.model.objects.published().filter(pk=obj.pk).exists()

    _action(curator_client, spec, "unpublish", [obj])
    obj.refresh_from_db()
    assert not obj.is_published
    assert not spec.model.objects.published().filter(pk=obj.pk).exists()


def _add_with_publication_time(client, spec, when):
    page = client.get(spec.url("add"))
    local = timezone.localtime(when)
    data = admin_form_data(
        page,
        **spec.valid(factories.make_source()),
        is_published="on",
        published_at_0=local.date().isoformat(),
        published_at_1=local.time().replace(microsecond=0).isoformat(),
    )
    response = client.post(spec.url("add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return spec.model.objects.get(**spec.lookup)


@pytest.mark.parametrize("name", ["article", "commemoration"])
def test_future_publication_stays_hidden_until_its_time(curator_client, client, name):
    """Published with a future time, an item is hidden from visitors until that moment."""
    spec = SPEC[name]
    obj = _add_with_publication_time(
        curator_client, spec, timezone.now() + datetime.timedelta(days=2)
    )
    assert obj.is_published
    assert not spec.model.objects.published().filter(pk=obj.pk).exists()
    curator_client.logout()
    assert client.get(obj.get_absolute_url()).status_code == 404

    # The time arrives: no job runs, the same query now shows it.
    spec.model.objects.filter(pk=obj.pk).update(
        published_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert spec.model.objects.published().filter(pk=obj.pk).exists()
    assert client.get(obj.get_absolute_url()).status_code == 200


def test_scheduled_item_shows_its_time_in_the_changelist(curator_client):
    """The state column tells a draft, a scheduled item and a published one apart."""
    when = timezone.now() + datetime.timedelta(days=3)
    factories.make_article(title_en="Scheduled one", published_at=when)
    factories.make_article(title_en="Draft one", is_published=False)
    content = curator_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "Scheduled for" in content
    assert "Draft" in content


@pytest.mark.parametrize("spec", PUBLISHABLE, ids=lambda s: s.name)
def test_view_on_site_previews_drafts(curator_client, spec):
    """ "View on site" opens a draft in preview; a curator sees it there, uncached."""
    obj = spec.make(is_published=False)
    page = curator_client.get(spec.url("change", obj.pk))
    url = f"{obj.get_absolute_url()}?preview=1"
    assert f'href="{url}"' in page.content.decode()

    response = curator_client.get(url)
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    assert "private" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("spec", PUBLISHABLE, ids=lambda s: s.name)
def test_drafts_are_hidden_from_visitors_even_with_preview(client, spec):
    """Only staff can preview: for everyone else a draft does not exist."""
    obj = spec.make(is_published=False)
    assert client.get(obj.get_absolute_url()).status_code == 404
    assert client.get(f"{obj.get_absolute_url()}?preview=1").status_code == 404


def test_view_on_site_for_published_items_and_sources(curator_client):
    """A public item's link is its plain public address."""
    event = factories.make_event()
    source = factories.make_source()
    page = curator_client.get(reverse("admin:events_event_change", args=[event.pk]))
    assert f'href="{event.get_absolute_url()}"' in page.content.decode()
    page = curator_client.get(reverse("admin:sources_source_change", args=[source.pk]))
    assert reverse("admin:view_on_site", args=[page.context["content_type_id"], source.pk]) in (
        page.content.decode()
    )
