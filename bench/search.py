"""Search latency (p50/p99) on PostgreSQL, with the fixtures and with 10 000 more records and 1 500 people.

Not a test: figures depend on the machine. Run from the project root against a
migrated PostgreSQL database with the content loaded:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/memorial \
        python bench/search.py [--runs 200] [--records 10000] [--people 1500]

It runs with the production settings (DEBUG off) and, as gunicorn.conf.py
does, with what Django has loaded frozen out of the garbage collector's sight.

A measurement is what a search page does: every kind of content searched
("all kinds"), or one kind as with `type=` ("events only"), the first results
ranked and highlighted. The generated records are
written in a transaction that is rolled back, so the database is left as it
was. Budget: p99 under 50 ms with the 10 000 records and the 1 500 people.
"""

import argparse
import datetime
import gc
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_MS = 50.0
QUERIES = [
    "Şəhidlər",
    "Sehidler",
    "Shahidlar",
    "Шехидов",
    "Mammadov",
    "Мамедов",
    "Alley of Martyrs",
    "killed",
    "Nammadov",
    "troops Baku",
    "%_\\'\"",
    "20 January 1990",
    "Məmmədova",
    "Мамедова",
    "Аллахвердиев",
    "Allahverdiyev Ilham",
]
SYLLABLES = ["ma", "med", "ali", "yev", "hu", "sey", "nov", "gu", "liy", "ra", "sul", "tan", "ov"]
WORDS = ["Baku", "January", "troops", "funeral", "street", "hospital", "witness", "night"]


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # As production runs: DEBUG would keep a record of every query, which costs time.
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-secret-key-" + "b" * 40)
    import django

    django.setup()


def one_search(text, only=None):
    """What the search page does: one kind (`type=`), or every kind at once."""
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    from memorial.search.engine import search_everything, search_first, search_groups, snippet
    from memorial.search.views import SearchView

    # What a visitor may see, as the search page reads it (with its count of what was found).
    view = SearchView()
    view.request = RequestFactory().get("/")
    view.request.user = AnonymousUser()
    visible = view._visible

    if only:
        group = next(group for group in search_groups() if group.key == only)
        found = [(group, search_first(group, visible(group), text, count=20))]
    else:
        found = search_everything(visible, text, count=6)
    for group, items in found:
        for item in items:
            snippet(group, item)


def measure(runs, only=None):
    for text in QUERIES:  # warm the caches and the connection
        one_search(text, only)
    timings = []
    for run in range(runs):
        text = QUERIES[run % len(QUERIES)]
        started = time.perf_counter()
        one_search(text, only)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "p50": statistics.median(timings),
        "p99": timings[min(len(timings) - 1, int(len(timings) * 0.99))],
        "max": timings[-1],
    }


def name(rng):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def generate(count):
    """`count` published events with generated names and words, keys computed as save() does."""
    from memorial.core.text import search_key, searchable_texts
    from memorial.events.models import Event

    rng = random.Random(1990)
    events = []
    for n in range(count):
        title = f"{name(rng)} {name(rng)}: {' '.join(rng.sample(WORDS, 3))}"
        event = Event(
            title_en=title,
            title_az=title,
            title_ru=title,
            slug=f"bench-{n}",
            kind="main",
            start_date=datetime.date(1990, 1, 1) + datetime.timedelta(days=n % 365),
            summary_en=" ".join(rng.choice(WORDS + [name(rng)]) for _ in range(25)),
            is_published=True,
        )
        event.search_key = search_key(*searchable_texts(event, Event.search_fields))
        events.append(event)
    Event.objects.bulk_create(events, batch_size=1000)


def generate_people(count):
    """`count` published people with generated names in three scripts, saved as save() would."""
    from django.apps import apps

    from memorial.core.text import search_key, searchable_texts

    Person = apps.get_model("people", "Person")
    rng = random.Random(1990)
    people = []
    for n in range(count):
        given, surname = name(rng), f"{name(rng)}ov"
        person = Person(
            slug=f"bench-person-{n}",
            given_name_az=given,
            given_name_en=given,
            given_name_ru=given,
            surname_az=surname,
            surname_en=surname,
            surname_ru=surname,
            death_date=datetime.date(1990, 1, 20),
            death_precision="day",
            place_of_death_en=rng.choice(WORDS),
            what_happened_en=" ".join(rng.choice(WORDS) for _ in range(12)),
            confidence="high",
            is_published=True,
        )
        person.search_key = search_key(*searchable_texts(person, Person.search_fields))
        person.name_key = person.make_name_key()
        people.append(person)
    Person.objects.bulk_create(people, batch_size=1000)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=1_500)
    args = parser.parse_args()
    setup_django()
    from django.db import connection, transaction

    # What a production worker has loaded lives outside the garbage collector's
    # sight, as gunicorn.conf.py's when_ready() leaves it.
    gc.freeze()

    if connection.vendor != "postgresql":
        sys.exit("Run this against PostgreSQL: set DATABASE_URL=postgres://...")
    rows = [
        ("fixtures, all kinds", measure(args.runs)),
        ("fixtures, events only", measure(args.runs, "events")),
    ]
    with transaction.atomic():
        generate(args.records)
        generate_people(args.people)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE events_event")
            cursor.execute("ANALYZE people_person")
        rows.append((f"+{args.records} events, events only", measure(args.runs, "events")))
        rows.append((f"+{args.people} people, people only", measure(args.runs, "people")))
        rows.append((f"+{args.records} events, +{args.people} people, all", measure(args.runs)))
        transaction.set_rollback(True)
    for label, result in rows:
        sys.stdout.write(
            f"{label:<34} p50 {result['p50']:6.1f} ms  p99 {result['p99']:6.1f} ms  "
            f"max {result['max']:6.1f} ms\n"
        )
    larger = rows[-1][1]["p99"]
    verdict = "within" if larger < BUDGET_MS else "OVER"
    sys.stdout.write(f"p99 at the larger size is {verdict} the {BUDGET_MS:.0f} ms budget.\n")
    return 0 if larger < BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
