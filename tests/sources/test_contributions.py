"""What the bibliography contributes: a menu link, a search group narrowed by the
source's date, and an open-data table of the sources."""

import datetime
import json

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_the_menu_links_the_bibliography(client):
    page = client.get(reverse("sources:list")).content.decode()
    assert f'<a href="{reverse("sources:list")}" aria-current="page">Sources</a>' in page


def test_search_narrows_sources_by_their_date(client):
    report = factories.make_source(title="Report of the commission", date=datetime.date(1991, 5, 1))

    def found(year):
        params = {"q": "commission", "type": "sources", "year": year}
        return (
            report.get_absolute_url()
            in client.get(reverse("search:search"), params).content.decode()
        )

    assert found(1991)
    assert not found(1990)


def test_the_open_data_table_lists_every_source_by_its_key(client):
    factories.make_source(key="hrw-report")
    factories.make_source(key="omm-report")
    url = reverse("opendata:table", kwargs={"name": "sources", "fmt": "json"})
    rows = json.loads(client.get(url).content)
    assert sorted(row["key"] for row in rows) == ["hrw-report", "omm-report"]
    assert list(rows[0])[:2] == ["key", "path"]
