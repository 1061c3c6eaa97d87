"""What a search costs the database: a fixed number of queries, and indexes on PostgreSQL."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from memorial.core.text import search_key, searchable_texts
from memorial.events.models import Event
from memorial.search.engine import search_groups
from tests import factories

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the search indexes are PostgreSQL's"
)

#: Syllables of generated names, so that thousands of events share their trigrams.
SYLLABLES = ["ma", "med", "ali", "yev", "hu", "sey", "nov", "gu", "liy", "ra", "sul", "tan"]


def many_events(count):
    """`count` published events with generated names, their keys computed as save() does."""
    events = []
    for n in range(count):
        a, b, c = (SYLLABLES[(n // 12**i) % 12] for i in range(3))
        title = f"{a}{b}{c}ov {c}{a}ev: troops in Baku"
        event = Event(
            title_en=title,
            title_az=title,
            title_ru=title,
            slug=f"generated-{n}",
            kind="main",
            start_date=datetime.date(1990, 1, 1) + datetime.timedelta(days=n % 365),
            summary_en=f"{title}, as the witnesses tell it.",
            is_published=True,
        )
        event.search_key = search_key(*searchable_texts(event, Event.search_fields))
        events.append(event)
    Event.objects.bulk_create(events, batch_size=500)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Event._meta.db_table}")


@pytest.fixture
def found_in_two_kinds(db):
    """A name that events and articles mention, and nothing else."""
    for n in range(8):
        factories.make_event(title_en=f"Mammadov {n}")
        factories.make_article(title_en=f"Mammadov {n}")
    factories.make_figure(note_en="Baku")


def test_a_search_of_every_kind_costs_a_fixed_number_of_queries(
    client, found_in_two_kinds, django_assert_max_num_queries
):
    """One query finds what matches in every kind, then one query a kind with results
    ranks them (PostgreSQL); elsewhere one query a kind. Never one a result."""
    limit = 1 + 2 if connection.vendor == "postgresql" else len(search_groups())
    with django_assert_max_num_queries(limit):
        response = client.get(reverse("search:search"), {"q": "Mammadov"})
    assert response.status_code == 200
    assert response.content.decode().count('">Mammadov ') == 10  # five of each kind


def test_a_search_that_finds_nothing_costs_two_queries_on_postgresql(
    client, found_in_two_kinds, django_assert_max_num_queries
):
    """Nothing matching: one query for the plain words, one forgiving typos (PostgreSQL)."""
    limit = 2 if connection.vendor == "postgresql" else len(search_groups())
    with django_assert_max_num_queries(limit):
        response = client.get(reverse("search:search"), {"q": "Qwertyuiop"})
    assert "Nothing matches" in response.content.decode()


def test_a_page_of_one_kind_is_counted_in_one_query(
    client, found_in_two_kinds, django_assert_max_num_queries
):
    """type= pages through one kind: its count and its page, two queries."""
    with django_assert_max_num_queries(2):
        response = client.get(reverse("search:search"), {"q": "Mammadov", "type": "events"})
    assert response.content.decode().count('">Mammadov ') == 8


def plans(client, params):
    """The PostgreSQL plan of every query by which the search page for `params` finds rows."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("search:search"), params).status_code == 200
    found = []
    with connection.cursor() as cursor:
        for query in queries.captured_queries:
            if "LIKE" not in query["sql"]:
                continue  # ranks or counts rows already found
            cursor.execute(f"EXPLAIN {query['sql']}")
            found.append("\n".join(row[0] for row in cursor.fetchall()))
    return found


@on_postgresql
@pytest.mark.parametrize(
    ("params", "what"),
    [
        ({"q": "Mamedaliov"}, "a name, every kind"),
        ({"q": "Mamedaliov", "type": "events"}, "a name, events only"),
        ({"q": "Namedaliov", "type": "events"}, "a typo, events only"),
        ({"q": "Namedaliov"}, "a typo, every kind"),
    ],
)
def test_with_many_rows_the_search_reads_the_index_not_the_table(client, db, params, what):
    """With thousands of events, finding a name (or forgiving a typo in it) goes through the
    trigram index on the search key, never a scan of the whole table: the index takes new
    rows at once, so the planner never finds it costlier than reading every row."""
    many_events(3000)
    table = Event._meta.db_table
    searched = [plan for plan in plans(client, params) if table in plan]
    assert searched, what
    for plan in searched:
        assert f"{table}_search_key_trgm" in plan, (what, plan)
        assert f"Seq Scan on {table}" not in plan, (what, plan)
