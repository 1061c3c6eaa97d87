"""What a list reads of each object (`listed()`) is all that its list items show.

A list item that used a field left out of `listed()` would read it with one
more query for every item; these render every kind of item from listed
objects (and figure cards and toll rows from figures read as `shown()`)
and allow no query at all.
"""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from memorial.articles.models import Article
from memorial.commemorations.models import Commemoration
from memorial.events.models import Event
from memorial.figures.models import Figure
from memorial.photos.models import Photo
from memorial.sources.models import Source
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    source = factories.make_source(
        author="A. Author", publisher="A publisher", locator="p. 12", url="https://example.org/a"
    )
    factories.make_event(title_ru="", date_note_en="About midnight", end_date=None)
    factories.make_figure(source=source, note_ru="Только по-русски", as_of_note_en="Early")
    factories.make_photo(source=source, caption_en="Carnations", is_graphic=True)
    factories.make_article(publisher="A newspaper", summary_en="What was reported.")
    factories.make_commemoration(year=2026)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_list_items_show_nothing_that_listed_objects_lack(
    content, django_assert_num_queries, language
):
    request = RequestFactory().get("/")
    with translation.override(language):
        events = list(Event.objects.listed())
        figures = list(Figure.objects.listed())
        figure_cards = list(Figure.objects.shown())
        photos = list(Photo.objects.listed())
        articles = list(Article.objects.listed())
        commemorations = list(Commemoration.objects.listed())
        sources = list(Source.objects.listed())
        assert all((events, figures, figure_cards, photos, articles, commemorations, sources))
        with django_assert_num_queries(0):
            html = "".join(
                [
                    *(render_to_string("events/_item.html", {"event": e}) for e in events),
                    *(
                        render_to_string(template, {"figure": figure})
                        for figure in figure_cards
                        for template in ("figures/_figure.html", "figures/_figure_row.html")
                    ),
                    *(render_to_string("photos/_card.html", {"photo": p}, request) for p in photos),
                    *(render_to_string("articles/_item.html", {"article": a}) for a in articles),
                    render_to_string("includes/sources.html", {"sources": sources}),
                    render_to_string(
                        "sources/_cited_by.html",
                        {"cited_by": [*events, *figures, *photos, *articles, *commemorations]},
                    ),
                ]
            )
        assert figures[0].get_absolute_url() in html
    assert "Carnations" in html and "What was reported." in html and "2026" in html
    assert "A. Author" in html and "p. 12" in html and "https://example.org/a" in html
