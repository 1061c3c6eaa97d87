"""A part of a figure cannot exceed its total: the form refuses it, content health flags a
breakdown whose parts add up to more."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from memorial.curation import health
from tests import factories
from tests.curation.forms import admin_form_data

pytestmark = pytest.mark.django_db

CHECK = "Breakdowns whose parts exceed their total"


def test_a_part_larger_than_its_total_is_refused():
    total = factories.make_figure(value_low=131)
    part = factories.make_figure(value_low=500, part_of=total, source=total.source)
    with pytest.raises(ValidationError) as error:
        part.full_clean()
    assert "cannot be larger than its total" in str(error.value.message_dict["value_low"])


@pytest.mark.parametrize(
    ("total", "part", "refused"),
    [
        ({"value_low": 131}, 131, False),
        ({"value_low": 131}, 132, True),
        ({"qualifier": "range", "value_low": 130, "value_high": 170}, 150, False),
        ({"qualifier": "range", "value_low": 130, "value_high": 170}, 171, True),
        ({"qualifier": "at_least", "value_low": 131}, 500, False),
    ],
    ids=["equal", "one-more", "within-range", "above-range", "at-least-sets-no-bound"],
)
def test_the_bound_is_the_totals_upper_value(total, part, refused):
    total = factories.make_figure(**total)
    figure = factories.make_figure(value_low=1, part_of=total, source=total.source)
    figure.value_low = part
    if refused:
        with pytest.raises(ValidationError):
            figure.full_clean()
    else:
        figure.full_clean()


def test_the_admin_form_says_so_on_the_value(curator_client):
    total = factories.make_figure(value_low=131)
    part = factories.make_figure(value_low=20, part_of=total, source=total.source)
    url = reverse("admin:figures_figure_change", args=[part.pk])
    data = admin_form_data(curator_client.get(url), value_low="500")
    response = curator_client.post(url, data)
    assert response.status_code == 200
    assert "cannot be larger than its total" in str(response.context["adminform"].form.errors)
    part.refresh_from_db()
    assert part.value_low == 20


def test_content_health_flags_parts_that_add_up_to_more_than_the_total():
    total = factories.make_figure(value_low=131)
    factories.make_figure(value_low=100, part_of=total, source=total.source)
    fine = factories.make_figure(value_low=300)
    factories.make_figure(value_low=200, part_of=fine, source=fine.source)
    assert [p.obj for p in health.find_problems() if p.check == CHECK] == []

    factories.make_figure(value_low=40, part_of=total, source=total.source)
    [problem] = [p for p in health.find_problems() if p.check == CHECK]
    assert problem.obj == total
    assert "140" in problem.message
