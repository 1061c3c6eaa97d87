"""Every change is kept with its author, compared with the one before, and can be undone."""

import pytest
from django.urls import reverse

from memorial.figures.models import Figure
from memorial.sources.models import Source
from tests import factories

from .forms import admin_form_data

pytestmark = pytest.mark.django_db


def _edit(client, obj, **changes):
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    data = admin_form_data(client.get(url), **changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors


@pytest.mark.parametrize(
    ("make", "field", "old", "new"),
    [
        (factories.make_figure, "value_low", 131, "147"),
        (factories.make_source, "title", "First title", "Corrected title"),
        (factories.make_event, "title_en", "Old title", "New title"),
        (factories.make_article, "title_en", "Old title", "New title"),
    ],
    ids=["figure", "source", "event", "article"],
)
def test_history_shows_who_changed_what(curator_client, curator, make, field, old, new):
    """The history page lists the curator and the field's old and new value."""
    obj = make(**{field: old})
    _edit(curator_client, obj, **{field: new})
    opts = obj._meta
    response = curator_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
    )
    assert response.status_code == 200
    latest = response.context["page_obj"].object_list[0]
    assert latest.history_user == curator
    changes = {str(change["field"]): change for change in latest.history_delta_changes}
    label = str(opts.get_field(field).verbose_name).lower()
    assert [name.lower() for name in changes] == [label]
    change = next(iter(changes.values()))
    assert str(change["old"]) == str(old)
    assert str(change["new"]) == new


def test_revert_restores_an_earlier_version(curator_client, curator):
    """Reverting to the first version brings the old value back, as a new history entry."""
    figure = factories.make_figure(value_low=131)
    _edit(curator_client, figure, value_low="999")
    figure.refresh_from_db()
    assert figure.value_low == 999

    first = figure.history.earliest()
    url = reverse("admin:figures_figure_simple_history", args=[figure.pk, first.history_id])
    page = curator_client.get(url)
    assert page.status_code == 200
    assert "Revert" in page.content.decode()
    response = curator_client.post(url, admin_form_data(page))
    assert response.status_code == 302

    figure.refresh_from_db()
    assert figure.value_low == 131
    assert figure.updated_by == curator
    assert figure.history.count() == 3
    assert figure.history.first().history_user == curator


def test_deleting_a_cited_source_is_refused_with_what_cites_it(curator_client):
    """A source cited by a figure, a photo, an event or an article cannot be deleted."""
    source = factories.make_source()
    figure = factories.make_figure(source=source)
    event = factories.make_event(sources=[source], title_en="Troops enter Baku")
    article = factories.make_article(title_en="What the press said")
    article.sources.add(source)
    url = reverse("admin:sources_source_delete", args=[source.pk])

    page = curator_client.get(url)
    assert page.status_code == 200
    content = page.content.decode()
    for citing in [figure, event, article]:
        assert str(citing) in content
    assert "protected" in content

    response = curator_client.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert Source.objects.filter(pk=source.pk).exists()


def test_deleting_a_cited_source_in_bulk_is_refused(curator_client):
    """The bulk delete action refuses in the same way."""
    source = factories.make_source()
    factories.make_event(sources=[source])
    response = curator_client.post(
        reverse("admin:sources_source_changelist"),
        {"action": "delete_selected", "_selected_action": [source.pk], "post": "yes"},
    )
    assert response.status_code == 200
    assert Source.objects.filter(pk=source.pk).exists()


def test_uncited_source_can_be_deleted(curator_client):
    """Nothing cites it: the curator may delete it."""
    source = factories.make_source()
    response = curator_client.post(
        reverse("admin:sources_source_delete", args=[source.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Source.objects.filter(pk=source.pk).exists()


def test_figures_are_entered_with_their_source(curator_client, curator):
    """The source form carries its figures inline; both are stamped with the curator."""
    page = curator_client.get(reverse("admin:sources_source_add"))
    data = admin_form_data(
        page,
        title="Commission report",
        key="commission",
        kind="government",
        date_precision="unknown",
        reliability="high",
        **{
            "figures-TOTAL_FORMS": "1",
            "figures-0-key": "killed-commission",
            "figures-0-quantity": "killed",
            "figures-0-qualifier": "exact",
            "figures-0-value_low": "131",
            "figures-0-scope_en": "Baku",
            "figures-0-as_of_precision": "unknown",
        },
    )
    response = curator_client.post(reverse("admin:sources_source_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    figure = Figure.objects.get(key="killed-commission")
    assert figure.source.key == "commission"
    assert figure.created_by == curator


LONG_OLD = (
    "Figures given by the first report of the USSR Interior Ministry counted the dead in "
    "Baku on the morning of 20 January, soldiers included, before the hospitals had "
    "reported, and the count rose in the following weeks."
)


def test_a_long_text_change_shows_the_words_that_changed(curator_client):
    """Not `Figur[396 chars]her…`: the words taken out and put in, with some context."""
    figure = factories.make_figure(note_en=LONG_OLD)
    _edit(curator_client, figure, note_en=LONG_OLD.replace("soldiers included", "troops left out"))
    response = curator_client.get(reverse("admin:figures_figure_history", args=[figure.pk]))
    [change] = response.context["page_obj"].object_list[0].history_delta_changes
    diff = str(change["diff"])
    assert "<del>soldiers included</del>" in diff or (
        "<del>soldiers</del>" in diff and "<del>included" in diff.replace(" ", "")
    )
    assert "<ins>troops" in diff
    assert "20 January," in diff
    assert "chars]" not in response.content.decode()
    assert len(diff) < len(LONG_OLD) + 60


def test_the_history_names_no_one_as_none(curator_client):
    """A change made by a command and one without a reason read in words, never "None";
    the page has no inline style."""
    figure = factories.make_figure()
    response = curator_client.get(reverse("admin:figures_figure_history", args=[figure.pk]))
    content = response.content.decode()
    table = content[content.index('id="change-history"') :]
    assert "None" not in table
    assert "a command run on the server" in table
    assert "style=" not in content


def test_the_revert_breadcrumb_names_the_objects_own_kind(curator_client):
    figure = factories.make_figure()
    record = figure.history.earliest()
    response = curator_client.get(
        reverse("admin:figures_figure_simple_history", args=[figure.pk, record.history_id])
    )
    content = response.content.decode()
    crumbs = content[content.index('class="breadcrumbs"') :][:1200]
    assert "Historical" not in crumbs
    assert reverse("admin:figures_figure_changelist") + '">Figures</a>' in crumbs
    assert ">The toll</a>" in crumbs
