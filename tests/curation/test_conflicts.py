"""Two curators editing one object: the second save is stopped, not silently undoing the first."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from memorial.curation.conflicts import VERSION_FIELD
from memorial.events.models import Event
from tests import factories

from .conftest import PASSWORD
from .forms import admin_form_data
from .specs import SPECS, spec_id

pytestmark = pytest.mark.django_db

# A text field of each content model that a curator would correct, and its label.
EDITED = {
    "source": ("title", "Title"),
    "event": ("title_en", "Title [en]"),
    "figure": ("scope_en", "Scope [en]"),
    "photo": ("caption_en", "Caption [en]"),
    "article": ("title_en", "Title [en]"),
    "commemoration": ("observances_en", "What was observed [en]"),
}


@pytest.fixture
def second_curator(curator):
    """Another curator, signed in on a browser of their own."""
    user = get_user_model().objects.create_user("second", password=PASSWORD, is_staff=True)
    user.groups.set(curator.groups.all())
    client = Client()
    client.force_login(user)
    return client


def _change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


@pytest.mark.parametrize("spec", SPECS, ids=spec_id)
def test_the_second_save_is_stopped_with_a_message_naming_the_change(
    curator_client, second_curator, spec
):
    """Both open the same object; the first saves; the second's save is refused with a
    message naming who changed which field, the form keeps the second's input, and the
    first's change stands."""
    obj = spec.make()
    field, label = EDITED[spec.name]
    url = _change_url(obj)
    first_form = curator_client.get(url)
    second_form = second_curator.get(url)

    first = curator_client.post(url, admin_form_data(first_form, **{field: "First's correction"}))
    assert first.status_code == 302, first.context["adminform"].form.errors
    second = second_curator.post(
        url, admin_form_data(second_form, **{field: "Second's correction"})
    )

    assert second.status_code == 200
    form = second.context["adminform"].form
    messages = " ".join(form.non_field_errors())
    assert "curator saved this" in messages
    assert f"Changed meanwhile: {label}." in messages
    assert form.errors[field] == ["Changed by someone else after you opened this page."]
    assert form[field].value() == "Second's correction"
    page = second.content.decode()
    assert "errornote" in page and "Changed meanwhile" in page
    obj.refresh_from_db()
    assert getattr(obj, field) == "First's correction"


def test_saving_again_after_the_conflict_replaces_the_other_change(curator_client, second_curator):
    """The refused form is based on the stored state: the second curator, having looked,
    saves again and their version is kept (a deliberate overwrite, in the history)."""
    event = factories.make_event(title_en="Troops enter Baku")
    url = _change_url(event)
    first_form, second_form = curator_client.get(url), second_curator.get(url)
    curator_client.post(url, admin_form_data(first_form, title_en="Troops enter the city"))
    mine = admin_form_data(second_form, title_en="Tanks enter Baku")
    refused = second_curator.post(url, mine)
    assert refused.status_code == 200

    # The page sends back what the curator typed, on the stored version.
    stored = refused.context["adminform"].form[VERSION_FIELD].value()
    assert stored != mine[VERSION_FIELD]
    assert f'name="{VERSION_FIELD}" value="{stored}"' in refused.content.decode()
    again = second_curator.post(url, {**mine, VERSION_FIELD: stored})
    assert again.status_code == 302, again.context["adminform"].form.errors
    event.refresh_from_db()
    assert event.title_en == "Tanks enter Baku"
    assert [h.title_en for h in event.history.order_by("history_date")][-2:] == [
        "Troops enter the city",
        "Tanks enter Baku",
    ]


def test_a_change_elsewhere_stops_the_save_too(curator_client, curator):
    """A change from outside the admin (the shell, the loader) is caught the same way,
    named as a change made on the server."""
    event = factories.make_event(title_en="Troops enter Baku", summary_en="Before")
    url = _change_url(event)
    form = curator_client.get(url)
    event.summary_en = "Corrected on the server"
    event.save()

    response = curator_client.post(url, admin_form_data(form, title_en="Mine"))
    assert response.status_code == 200
    messages = " ".join(response.context["adminform"].form.non_field_errors())
    assert "a command run on the server saved this event" in messages
    assert "Changed meanwhile: Summary [en]." in messages
    event.refresh_from_db()
    assert (event.title_en, event.summary_en) == ("Troops enter Baku", "Corrected on the server")


def test_unchanged_objects_save_as_before(curator_client):
    """One curator saving twice in a row (each time from the page the last save showed)
    meets no conflict."""
    event = factories.make_event(title_en="Troops enter Baku")
    url = _change_url(event)
    for title in ("One", "Two"):
        page = curator_client.get(url)
        assert page.context["adminform"].form[VERSION_FIELD].value()
        response = curator_client.post(url, admin_form_data(page, title_en=title))
        assert response.status_code == 302
    assert Event.objects.get(pk=event.pk).title_en == "Two"


def test_a_revert_is_guarded_like_a_save(curator_client, second_curator):
    """Reverting works; a revert form opened before someone else's save is refused
    like a change form, instead of undoing that save unseen."""
    event = factories.make_event(title_en="Original")
    url = _change_url(event)
    curator_client.post(url, admin_form_data(curator_client.get(url), title_en="Changed"))
    first = event.history.earliest()
    revert_url = reverse("admin:events_event_simple_history", args=[event.pk, first.history_id])

    revert_page = curator_client.get(revert_url)
    second_curator.post(url, admin_form_data(second_curator.get(url), title_en="Meanwhile"))
    refused = curator_client.post(revert_url, admin_form_data(revert_page))
    assert refused.status_code == 200
    assert "Changed meanwhile: Title [en]." in refused.content.decode()
    event.refresh_from_db()
    assert event.title_en == "Meanwhile"

    reverted = curator_client.post(revert_url, admin_form_data(curator_client.get(revert_url)))
    assert reverted.status_code == 302
    event.refresh_from_db()
    assert event.title_en == "Original"


def test_the_add_form_has_no_version(curator_client):
    """A new object has nothing to conflict with."""
    response = curator_client.get(reverse("admin:events_event_add"))
    assert VERSION_FIELD not in response.context["adminform"].form.fields


def test_a_figure_changed_meanwhile_stops_the_save_of_its_sources_page(
    curator_client, second_curator
):
    """The source's page edits its figures inline: saving it with a figure that someone
    changed on the figure's own page since is refused on that figure's row, instead of
    writing the old value back; nothing of the page is saved until the curator looks."""
    figure = factories.make_figure(value_low=131)
    source = figure.source
    source_url, figure_url = _change_url(source), _change_url(figure)
    page = second_curator.get(source_url)
    figure_form = curator_client.get(figure_url)
    saved = curator_client.post(figure_url, admin_form_data(figure_form, value_low="147"))
    assert saved.status_code == 302

    mine = admin_form_data(page, title="Report of the commission, revised")
    refused = second_curator.post(source_url, mine)
    assert refused.status_code == 200
    inline = refused.context["inline_admin_formsets"][0].formset.forms[0]
    assert "Changed meanwhile: Value." in " ".join(inline.non_field_errors())
    assert "Changed meanwhile" in refused.content.decode()
    figure.refresh_from_db()
    source.refresh_from_db()
    assert figure.value_low == 147
    assert source.title != "Report of the commission, revised"

    stored = inline[VERSION_FIELD].value()
    again = second_curator.post(source_url, {**mine, inline.add_prefix(VERSION_FIELD): stored})
    assert again.status_code == 302
    source.refresh_from_db()
    assert source.title == "Report of the commission, revised"


def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite lets one writer in at a time")


def test_the_check_locks_the_row_until_the_save_commits(curator_client):
    """On PostgreSQL the version is read with the row locked (SELECT ... FOR UPDATE) in
    the admin's transaction, so no other save can slip in between the check and the write."""
    _postgresql_only()
    event = factories.make_event(title_en="Troops enter Baku")
    url = _change_url(event)
    data = admin_form_data(curator_client.get(url), title_en="Mine")
    with CaptureQueriesContext(connection) as queries:
        assert curator_client.post(url, data).status_code == 302
    sql = [query["sql"] for query in queries.captured_queries]
    locked = next(n for n, s in enumerate(sql) if "FOR UPDATE" in s and "events_event" in s)
    written = next(n for n, s in enumerate(sql) if s.startswith('UPDATE "events_event"'))
    assert locked < written


@pytest.mark.django_db(transaction=True)
def test_two_saves_at_the_same_moment_keep_one_and_refuse_the_other(curator, second_curator):
    """Two curators press Save at the same instant on forms of the same version: one
    save goes through and the other is refused, never both."""
    _postgresql_only()
    first = Client()
    first.force_login(curator)
    event = factories.make_event(title_en="Troops enter Baku")
    kept = event.history.count()
    url = _change_url(event)
    posts = [
        (first, admin_form_data(first.get(url), title_en="First")),
        (second_curator, admin_form_data(second_curator.get(url), title_en="Second")),
    ]
    start = threading.Barrier(2)
    statuses = []

    def save(client, data):
        try:
            start.wait(timeout=10)
            statuses.append(client.post(url, data).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=post) for post in posts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(statuses) == [200, 302]
    event.refresh_from_db()
    assert event.title_en in {"First", "Second"}
    assert event.history.count() == kept + 1
