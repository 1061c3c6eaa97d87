"""Curators see every figure for the same quantity side by side."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_compare_action_shows_all_figures_for_the_selected_quantities(curator_client):
    """Selecting one figure shows every figure counting the same thing, drafts included."""
    official = factories.make_figure(quantity="killed", value_low=131)
    ngo = factories.make_figure(quantity="killed", qualifier="range", value_low=133, value_high=170)
    draft = factories.make_figure(quantity="killed", value_low=147, is_published=False)
    other = factories.make_figure(quantity="detained", value_low=841)

    response = curator_client.post(
        reverse("admin:figures_figure_changelist"),
        {"action": "compare", "_selected_action": [official.pk]},
        follow=True,
    )
    assert response.status_code == 200
    [group] = response.context["groups"]
    assert group["quantity"] == "killed"
    assert group["figures"] == [official, ngo, draft]
    assert (group["low"], group["high"]) == (131, 170)
    content = response.content.decode()
    assert str(official.source) in content
    assert str(other.source) not in content


def test_compare_page_lists_every_quantity_without_a_filter(
    curator_client, django_assert_max_num_queries
):
    """With no quantity chosen, every quantity gets its table, in a fixed number of queries."""
    for value in range(5):
        factories.make_figure(quantity="killed", value_low=100 + value)
        factories.make_figure(quantity="injured", value_low=700 + value)
    with django_assert_max_num_queries(10):
        response = curator_client.get(reverse("admin:figures_figure_compare"))
    assert [group["quantity"] for group in response.context["groups"]] == ["injured", "killed"]


def test_compare_page_ignores_unknown_quantities(curator_client):
    """A made-up quantity is ignored rather than an error."""
    factories.make_figure()
    response = curator_client.get(reverse("admin:figures_figure_compare"), {"quantity": "bogus"})
    assert response.status_code == 200
    assert len(response.context["groups"]) == 1


def test_compare_page_needs_a_login(client):
    """Anonymous visitors are sent to the login page."""
    response = client.get(reverse("admin:figures_figure_compare"))
    assert response.status_code == 302
