"""What the commemorations contribute: a search group narrowed by the anniversary's
year, and a sitemap entry for every published year in every language."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_search_narrows_commemorations_by_year(client):
    factories.make_commemoration(2016, observances_en="Wreaths at the eternal flame.")
    factories.make_commemoration(2017, observances_en="Wreaths at the eternal flame.")
    params = {"q": "wreaths", "type": "commemorations", "year": 2017}
    page = client.get(reverse("search:search"), params).content.decode()
    assert reverse("commemorations:detail", kwargs={"year": 2017}) in page
    assert reverse("commemorations:detail", kwargs={"year": 2016}) not in page


def test_the_sitemap_lists_published_years_only(client):
    factories.make_commemoration(2020)
    factories.make_commemoration(2021, is_published=False)
    sitemap = client.get(reverse("sitemap")).content.decode()
    for code in ("az", "en", "ru"):
        assert f"/{code}/commemorations/2020/</loc>" in sitemap
    assert "/commemorations/2021/" not in sitemap
