"""Every content model's admin pages open for a curator and a valid form saves."""

import pytest

from memorial.curation.content_admin import AUDIT_FIELDS
from tests import factories

from .forms import admin_form_data
from .specs import SPECS, spec_id

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("spec", SPECS, ids=spec_id)
def test_changelist_add_and_change_pages_open(curator_client, spec):
    """The changelist, the add form and the change form all render for a curator."""
    obj = spec.make()
    assert curator_client.get(spec.url("changelist")).status_code == 200
    assert curator_client.get(spec.url("add")).status_code == 200
    response = curator_client.get(spec.url("change", obj.pk))
    assert response.status_code == 200
    assert response.context["adminform"].form.instance == obj


@pytest.mark.parametrize("spec", SPECS, ids=spec_id)
def test_valid_add_form_saves_and_stamps_the_curator(curator_client, curator, spec):
    """A valid add form stores the object with its creator and last editor."""
    source = factories.make_source()
    page = curator_client.get(spec.url("add"))
    data = admin_form_data(page, **spec.valid(source))
    response = curator_client.post(spec.url("add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    obj = spec.model.objects.get(**spec.lookup)
    assert obj.created_by == curator
    assert obj.updated_by == curator
    assert {record.history_user for record in obj.history.all()} == {curator}


@pytest.mark.parametrize("spec", SPECS, ids=spec_id)
def test_change_form_keeps_creator_and_records_editor(curator_client, curator, spec):
    """Saving an existing object unchanged records who changed it, not who made it."""
    obj = spec.make()
    page = curator_client.get(spec.url("change", obj.pk))
    response = curator_client.post(spec.url("change", obj.pk), admin_form_data(page))
    assert response.status_code == 302, response.context["adminform"].form.errors
    obj.refresh_from_db()
    assert obj.created_by is None
    assert obj.updated_by == curator


@pytest.mark.parametrize("spec", SPECS, ids=spec_id)
def test_audit_fields_are_read_only(curator_client, curator, spec):
    """Audit fields show on the change form but cannot be posted."""
    obj = spec.make()
    page = curator_client.get(spec.url("change", obj.pk))
    form = page.context["adminform"].form
    assert not set(AUDIT_FIELDS) & set(form.fields)
    assert set(AUDIT_FIELDS) <= set(page.context["adminform"].readonly_fields)


JUNK = [
    {"q": "\x00"},
    {"q": "x" * 5000},
    {"p": "abc"},
    {"p": "-1"},
    {"p": "999999"},
    {"o": "99"},
    {"o": "abc.-x"},
    {"no_such_filter": "1"},
    {"is_published__exact": "maybe"},
    {"e": "1"},
    {"_facets": "True"},
]


@pytest.mark.parametrize("spec", SPECS, ids=spec_id)
@pytest.mark.parametrize(
    "params", JUNK, ids=lambda p: next(iter(p)) + "=" + repr(p[next(iter(p))])[:10]
)
def test_changelist_survives_junk_parameters(curator_client, spec, params):
    """Junk in a changelist URL gives a page or a redirect, never a server error."""
    spec.make()
    response = curator_client.get(spec.url("changelist"), params)
    assert response.status_code in {200, 302}


@pytest.mark.parametrize("spec", SPECS, ids=spec_id)
def test_changelist_survives_junk_dates(curator_client, spec):
    """A broken date-hierarchy parameter never gives a server error."""
    from .specs import DATE_FIELD

    spec.make()
    for value in ["abc", "99999", "-1", "\x00"]:
        response = curator_client.get(
            spec.url("changelist"), {f"{DATE_FIELD[spec.name]}__year": value}
        )
        assert response.status_code in {200, 302}


@pytest.mark.parametrize("spec", SPECS, ids=spec_id)
def test_search_finds_nothing_for_a_nul_byte(curator_client, spec):
    """Searching for a NUL byte is treated as an empty search."""
    spec.make()
    response = curator_client.get(spec.url("changelist"), {"q": "\x00"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1
