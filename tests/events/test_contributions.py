"""What the timeline contributes: its search group narrows by the years an event spans,
and the home page shows its main events only when there are some."""

import datetime

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def found(client, year):
    response = client.get(reverse("search:search"), {"q": "curfew", "type": "events", "year": year})
    return response.content.decode()


def test_an_event_is_found_in_every_year_it_spans_and_no_other(client):
    event = factories.make_event(
        title_en="The curfew",
        start_date=datetime.date(1990, 1, 20),
        end_date=datetime.date(1991, 8, 1),
        end_precision="month",
    )
    for year in (1990, 1991):
        assert event.get_absolute_url() in found(client, year)
    for year in (1989, 1992):
        assert event.get_absolute_url() not in found(client, year)


def test_the_home_page_has_a_timeline_section_only_with_main_events(client):
    factories.make_event(kind="context", title_en="Before the night")
    assert 'id="timeline-heading"' not in client.get(reverse("pages:home")).content.decode()
    main = factories.make_event(title_en="The troops enter Baku")
    page = client.get(reverse("pages:home")).content.decode()
    assert 'id="timeline-heading"' in page
    assert main.get_absolute_url() in page
