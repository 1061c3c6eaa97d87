"""No changelist runs a query per row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories

from .specs import SPECS, spec_id

pytestmark = pytest.mark.django_db


def _make_rows(spec, count, start):
    if spec.name == "commemoration":
        for year in range(start, start + count):
            factories.make_commemoration(year)
        return
    if spec.name == "event":
        source = factories.make_source()
        for _ in range(count):
            event = factories.make_event(sources=[source])
            factories.make_photo(events=[event], source=source)
        return
    for _ in range(count):
        spec.make()


@pytest.mark.parametrize("spec", SPECS, ids=spec_id)
def test_changelist_queries_do_not_grow_with_rows(
    curator_client, curator, spec, django_assert_max_num_queries
):
    """Fifty rows cost no more queries than five."""
    _make_rows(spec, 5, 1991)
    # The audit column shows who changed each row.
    spec.model.objects.update(updated_by=curator)
    with CaptureQueriesContext(connection) as few:
        assert curator_client.get(spec.url("changelist")).status_code == 200

    _make_rows(spec, 45, 1996)
    spec.model.objects.update(updated_by=curator)
    with django_assert_max_num_queries(len(few)):
        response = curator_client.get(spec.url("changelist"))
    assert response.context["cl"].result_count == 50
    assert len(few) <= 12
