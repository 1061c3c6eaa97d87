"""Search results say what each one is and when, and how many were found."""

import datetime
import re

import pytest
from django.urls import reverse

from tests import factories


def text_of(response):
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.mark.django_db
def test_each_result_shows_its_kind_and_date_and_the_page_how_many(client):
    source = factories.make_source(title="Baku report")
    factories.make_event(
        title_en="Troops enter Baku", start_date=datetime.date(1990, 1, 19), sources=[source]
    )
    for n in range(7):
        factories.make_article(title_en=f"Baku article {n}", kind="report")
    text = text_of(client.get(reverse("search:search"), {"q": "Baku"}))
    assert "9 results for “Baku”" in text
    assert "Articles (7)" in text and "Timeline (1)" in text and "Sources (1)" in text
    assert "Troops enter Baku Event · " in text and "· 19 January 1990" in text
    assert "Baku article 0 Article · Report · 22 January 1990" in text


@pytest.mark.django_db
def test_one_kind_counts_every_page_of_it(client):
    for n in range(25):
        factories.make_article(title_en=f"Baku article {n}")
    text = text_of(client.get(reverse("search:search"), {"q": "Baku", "type": "articles"}))
    assert "25 results for “Baku”" in text and "Articles (25)" in text


@pytest.mark.django_db
def test_one_result_is_said_in_the_singular(client):
    factories.make_article(title_en="Carnations")
    text = text_of(client.get(reverse("search:search"), {"q": "Carnations"}))
    assert "1 result for “Carnations”" in text
