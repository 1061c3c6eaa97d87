import datetime
import io
import re
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils.translation import override

from memorial.events.models import Event
from tests import factories

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="ranking and trigrams need PostgreSQL"
)


def result_titles(response):
    html = response.content.decode()
    lists = re.findall(r'<ul class="results">(.*?)</ul>', html, re.DOTALL)
    return re.findall(r'<li><a href="[^"]+">([^<]+)</a>', "".join(lists))


def search(client, **params):
    return client.get(reverse("search:search"), params)


@pytest.fixture
def named(db):
    """The Alley of Martyrs in three languages, an architect's name in three scripts."""
    alley = factories.make_event(
        slug="alley",
        title_en="Burials at the Alley of Martyrs",
        title_az="Şəhidlər Xiyabanında dəfn",
        title_ru="Похороны на Аллее шехидов",
        start_date=datetime.date(1990, 1, 22),
    )
    memorial = factories.make_event(
        slug="monument",
        title_en="The memorial complex opens",
        summary_en="Designed by the architect Adalat Mammadov.",
        summary_az="Memar Ədalət Məmmədov.",
        summary_ru="Архитектор Адалат Мамедов.",
        start_date=datetime.date(2010, 1, 20),
    )
    only_russian = factories.make_article(
        slug="ru-only", title_en="An interview", summary_en="", summary_ru="Рассказ Мамедова."
    )
    factories.make_event(slug="other", title_en="Troops enter Baku")
    return {"alley": alley, "memorial": memorial, "only_russian": only_russian}


@pytest.mark.parametrize("query", ["Şəhidlər", "Sehidler", "Shahidlar", "Шехидов", "martyrs"])
def test_every_spelling_finds_the_alley_of_martyrs(client, named, query):
    """The Alley of Martyrs is found in Azerbaijani, English and Russian spellings."""
    titles = result_titles(search(client, q=query))
    assert "Burials at the Alley of Martyrs" in titles
    assert "Troops enter Baku" not in titles


@pytest.mark.parametrize("query", ["Mammadov", "Məmmədov", "Мамедов", "mamedov"])
def test_a_name_in_any_script_finds_the_others(client, named, query):
    """Mammadov, Məmmədov and Мамедов find each other, Мамедова included."""
    titles = result_titles(search(client, q=query))
    assert "The memorial complex opens" in titles
    assert "An interview" in titles
    assert "Burials at the Alley of Martyrs" not in titles


def test_every_word_must_match(client, named):
    """Two words narrow the search: both must be found in the same object."""
    assert result_titles(search(client, q="Mammadov architect")) == ["The memorial complex opens"]
    assert result_titles(search(client, q="Mammadov Baku")) == []


def test_filters_by_type_and_year(client, named):
    """type= keeps one kind of content and year= the content dated in that year."""
    assert result_titles(search(client, q="Mammadov", type="articles")) == ["An interview"]
    assert result_titles(search(client, q="Mammadov", year=2010)) == ["The memorial complex opens"]
    assert result_titles(search(client, q="Mammadov", year=1995)) == []


def test_drafts_never_appear(client, named):
    """An unpublished or future item is never a result."""
    factories.make_event(slug="draft", title_en="Draft about Mammadov", is_published=False)
    factories.make_event(
        slug="future",
        title_en="Future about Mammadov",
        published_at=datetime.datetime(2999, 1, 1, tzinfo=datetime.UTC),
    )
    titles = result_titles(search(client, q="Mammadov"))
    assert titles and not any("about Mammadov" in title for title in titles)


def test_figures_are_found_by_their_source(client, db):
    """A figure is found by its source's publisher, which the figure itself does not repeat."""
    source = factories.make_source(publisher="Memorial Human Rights Centre")
    figure = factories.make_figure(source=source, scope_en="Baku")
    factories.make_figure(scope_en="Baku")
    response = search(client, q="Human Rights", type="figures")
    assert len(result_titles(response)) == 1
    assert figure.get_absolute_url() in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "'",
        "%",
        "_",
        "\\",
        "%_%",
        "\\%\\_",
        "' OR 1=1 --",
        '"unterminated',
        "!!! & | :* <->",
        "a" * 200,
        " ".join(["Mammadov"] * 50)[:200],
        "x" * 199 + "%",
    ],
)
def test_odd_queries_give_results_or_nothing_never_an_error(client, named, query):
    """Quotes, wildcards, backslashes and text-search operators are plain text."""
    response = search(client, q=query)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"q": "Baku\x00"},
        {"q": "x" * 10_000},
        {"q": "Baku", "year": "nineteen"},
        {"q": "Baku", "year": "99999"},
        {"q": "Baku", "type": "users"},
    ],
)
def test_impossible_queries_are_a_400(client, named, params):
    """A NUL byte, 10 000 characters, a bad year or type answer 400 in the site's design."""
    response = search(client, **params)
    assert response.status_code == 400
    assert "This search cannot be run" in response.content.decode()


def test_a_pathological_query_returns_fast(client, named):
    """The longest query allowed, of many near-matching words, stays well under a second."""
    factories.make_event(title_en=" ".join(f"Mammadov{n}" for n in range(20)))
    query = " ".join(["Mamedovvvv%_"] * 16)[:200]
    started = time.perf_counter()
    response = search(client, q=query)
    assert response.status_code == 200
    assert time.perf_counter() - started < 1.0


def test_query_count_does_not_grow_with_results(client, named, django_assert_max_num_queries):
    """At most two queries per kind of content (the second forgives typos), however many results."""
    for n in range(10):
        factories.make_event(title_en=f"Mammadov {n}")
        factories.make_figure(note_en=f"Mammadov {n}")
    with django_assert_max_num_queries(12):
        assert search(client, q="Mammadov").status_code == 200


def test_saving_keeps_the_key_current_and_the_command_rebuilds_it(db):
    """save() computes the key; rebuild_search_keys repairs keys written behind its back."""
    event = factories.make_event(title_en="Troops enter Baku")
    assert "baku" in event.search_key
    Event.objects.filter(pk=event.pk).update(search_key="")
    out = io.StringIO()
    call_command("rebuild_search_keys", stdout=out)
    assert "events.Event: 1 search keys updated." in out.getvalue()
    event.refresh_from_db()
    assert "baku" in event.search_key


@on_postgresql
def test_a_typo_is_forgiven_by_trigram_similarity(client, named):
    """On PostgreSQL a misspelt word still matches by trigram similarity."""
    assert "The memorial complex opens" in result_titles(search(client, q="Nammadov"))


@on_postgresql
def test_results_are_ranked_and_highlighted(client, db):
    """The title match ranks first; the snippet marks the matched word."""
    factories.make_event(slug="a", title_en="Funeral", summary_en="Carnations on the steps.")
    factories.make_event(
        slug="b", title_en="Carnations", summary_en="Red carnations were laid at dawn."
    )
    response = search(client, q="carnations")
    assert result_titles(response)[0] == "Carnations"
    assert "<mark>carnations</mark>" in response.content.decode()


@on_postgresql
def test_the_snippet_escapes_stored_text(client, db):
    """Stored text reaches the snippet escaped; only <mark> is markup."""
    factories.make_event(title_en="Escaped", summary_en="Carnations <b>bold</b> &amp; more.")
    html = search(client, q="carnations").content.decode()
    assert "<b>bold</b>" not in html


@on_postgresql
def test_ranking_and_highlights_follow_the_page_language(client, db):
    """On the Russian page the words are stemmed as Russian, so the highlight marks the
    inflected form; a text not yet translated falls back to its English."""
    factories.make_event(
        slug="ru",
        title_en="Carnations",
        title_ru="Гвоздики",
        summary_en="Carnations at the Alley.",
        summary_ru="Гвоздики у Аллеи шехидов.",
    )
    factories.make_event(
        slug="en", title_en="Carnations laid", summary_en="Carnations were laid.", summary_ru=""
    )
    with override("ru"):
        url = reverse("search:search")
    html = client.get(url, {"q": "гвоздика"}).content.decode()
    assert "<mark>Гвоздики</mark> у Аллеи шехидов." in html
    html = client.get(url, {"q": "carnations"}).content.decode()
    assert "<mark>Carnations</mark> were laid." in html
