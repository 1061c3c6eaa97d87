import datetime
import json
import re

import pytest
from django.urls import reverse

from memorial.web.citations import STYLES, cite, page_record
from tests import factories

ACCESSED = datetime.date(2026, 1, 20)


@pytest.fixture
def record(db):
    event = factories.make_event(slug="troops-enter", title_en="Troops enter Baku {50% & more}")
    return page_record(event, "https://memorial.example/en/timeline/troops-enter/", ACCESSED)


def test_chicago_and_apa_name_the_site_title_address_and_access_date(record):
    """Chicago and APA carry the title, the permalink and the day the page was read."""
    chicago = cite(record, "chicago")
    assert chicago.startswith("Black January Memorial. “Troops enter Baku")
    assert "Accessed January 20, 2026" in chicago and record["url"] in chicago
    apa = cite(record, "apa")
    assert "(n.d.)" in apa and "Retrieved January 20, 2026, from " + record["url"] in apa


def test_bibtex_escapes_special_characters(record):
    """BibTeX is one @misc entry whose braces balance, with %, & and braces escaped."""
    bibtex = cite(record, "bibtex")
    assert bibtex.startswith("@misc{black-january-event-troops-enter,")
    assert r"\{50\% \& more\}" in bibtex and "urldate = {2026-01-20}" in bibtex
    unescaped = re.sub(r"\\[{}]", "", bibtex)
    assert unescaped.count("{") == unescaped.count("}")


def test_csl_json_is_valid_with_access_date(record):
    """CSL-JSON parses, is a webpage and has the access date as date-parts."""
    data = json.loads(cite(record, "csl-json"))
    assert data["type"] == "webpage" and data["URL"] == record["url"]
    assert data["accessed"] == {"date-parts": [[2026, 1, 20]]}
    assert data["title"].startswith("Troops enter Baku")


def test_an_unknown_style_is_an_error(record):
    """Only the listed styles exist."""
    with pytest.raises(ValueError):
        cite(record, "mla")


@pytest.mark.parametrize("kind", ["event", "figure", "article", "photo", "commemoration"])
def test_every_detail_page_has_cite_this(client, db, kind):
    """Events, figures, articles, photographs and commemorations show the permalink and
    every style."""
    obj = {
        "event": factories.make_event,
        "figure": factories.make_figure,
        "article": factories.make_article,
        "photo": factories.make_photo,
        "commemoration": factories.make_commemoration,
    }[kind]()
    html = client.get(obj.get_absolute_url()).content.decode()
    assert 'id="cite-this"' in html
    assert f'href="http://testserver{obj.get_absolute_url()}"' in html
    for style in STYLES:
        assert f'data-style="{style}"' in html


def test_each_figure_on_the_toll_page_has_an_anchor_and_permalink(client, db):
    """Every row of the toll table has its own id and links to the figure's own page."""
    figures = [factories.make_figure(), factories.make_figure(quantity="injured")]
    html = client.get(reverse("figures:list")).content.decode()
    for figure in figures:
        assert f'id="figure-{figure.key}"' in html
        assert f'href="{figure.get_absolute_url()}"' in html
