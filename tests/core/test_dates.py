"""A date with its precision is one value: `PartialDate`, read from a model's two (or
three) columns by `PartialDateField`, which also gives the database its checks."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils.translation import override

from memorial.articles.models import Article
from memorial.core.dates import DatePrecision, PartialDate, PartialDateField, annotated
from memorial.events.models import Event
from memorial.figures.models import Figure
from memorial.photos.models import Photo
from memorial.sources.models import Source
from tests import factories

DAY = datetime.date(1990, 1, 20)

#: Every date of the record with its precision: (model, value, date column, precision column).
PAIRS = [
    (Event, "start", "start_date", "start_precision"),
    (Event, "end", "end_date", "end_precision"),
    (Figure, "as_of", "as_of_date", "as_of_precision"),
    (Photo, "taken", "taken_date", "taken_precision"),
    (Article, "publication", "publication_date", "publication_precision"),
    (Source, "issued", "date", "date_precision"),
]


def test_a_partial_date_is_written_at_its_precision_in_iso_8601():
    assert PartialDate(DAY).iso == "1990-01-20"
    assert PartialDate(DAY, DatePrecision.MONTH).iso == "1990-01"
    assert PartialDate(DAY, DatePrecision.YEAR).iso == "1990"
    assert PartialDate(None, DatePrecision.UNKNOWN).iso == ""


def test_an_unknown_date_is_false_and_says_so_in_every_language():
    unknown = PartialDate(None, DatePrecision.UNKNOWN)
    assert not unknown and PartialDate(DAY)
    texts = set()
    for language in ("az", "en", "ru"):
        with override(language):
            texts.add(str(unknown))
    assert len(texts) == 3 and "date unknown" in texts


def test_a_span_names_its_end_only_when_it_ends_on_another_day():
    night = PartialDate(datetime.date(1990, 1, 19), time=datetime.time(23, 30))
    with override("en"):
        assert night.until(PartialDate(DAY)) == "19 January, 23:30 – 20 January 1990"
        assert night.until(PartialDate(night.date)) == "19 January 1990, 23:30"
        assert night.until(PartialDate(None, DatePrecision.UNKNOWN)) == "19 January 1990, 23:30"
        month = PartialDate(datetime.date(1990, 1, 1), DatePrecision.MONTH)
        assert month.until(PartialDate(DAY)) == "January 1990 – 20 January 1990"


RANGES = [
    # (start, end, en, az, ru): what two ends share is written once.
    (
        PartialDate(datetime.date(1986, 12, 17)),
        PartialDate(datetime.date(1986, 12, 18)),
        "17–18 December 1986",
        "17–18 dekabr 1986",
        "17–18 декабря 1986",
    ),
    (
        PartialDate(datetime.date(1993, 4, 1), DatePrecision.MONTH),
        PartialDate(datetime.date(1993, 5, 1), DatePrecision.MONTH),
        "April–May 1993",
        "aprel–may 1993",
        "апрель–май 1993",
    ),
    (
        PartialDate(datetime.date(1991, 8, 19)),
        PartialDate(datetime.date(1991, 9, 2)),
        "19 August – 2 September 1991",
        "19 avqust – 2 sentyabr 1991",
        "19 августа – 2 сентября 1991",
    ),
    (
        PartialDate(datetime.date(1990, 12, 30)),
        PartialDate(datetime.date(1991, 1, 2)),
        "30 December 1990 – 2 January 1991",
        "30 dekabr 1990 – 2 yanvar 1991",
        "30 декабря 1990 – 2 января 1991",
    ),
    (
        PartialDate(datetime.date(1991, 1, 1), DatePrecision.YEAR),
        PartialDate(datetime.date(1992, 1, 1), DatePrecision.YEAR),
        "1991–1992",
        "1991–1992",
        "1991–1992",
    ),
    (
        PartialDate(DAY, time=datetime.time(10, 0)),
        PartialDate(DAY, time=datetime.time(12, 0)),
        "20 January 1990, 10:00–12:00",
        "20 yanvar 1990, 10:00–12:00",
        "20 января 1990, 10:00–12:00",
    ),
]


@pytest.mark.parametrize(("start", "end", "en", "az", "ru"), RANGES)
def test_a_range_is_written_once_in_every_language(start, end, en, az, ru):
    """Not "17 December 1986 – 18 December 1986": the shared month and year once."""
    for language, expected in (("en", en), ("az", az), ("ru", ru)):
        with override(language):
            assert start.until(end) == expected


def test_a_note_on_a_date_is_never_doubled_nor_bracketed_twice():
    """A note repeating the date is dropped; brackets inside a note become commas."""
    assert annotated("17–18 December 1986", "17–18 December 1986") == "17–18 December 1986"
    assert annotated("17–18 December 1986", "") == "17–18 December 1986"
    text = annotated("19 January 1990, 19:30", "about 19:30 (time from one secondary source)")
    assert text == "19 January 1990, 19:30 (about 19:30, time from one secondary source)"
    assert text.count("(") == 1 and text.count(")") == 1


@pytest.mark.parametrize(("model", "name", "date", "precision"), PAIRS)
def test_each_model_reads_its_date_and_precision_as_one_value(model, name, date, precision):
    field = getattr(model, name)
    assert isinstance(field, PartialDateField)
    assert (field.date, field.precision) == (date, precision)
    obj = model(**{date: DAY, precision: DatePrecision.MONTH})
    assert getattr(obj, name) == PartialDate(DAY, DatePrecision.MONTH)
    names = {constraint.name for constraint in model._meta.constraints}
    prefix = f"{model._meta.app_label}_{model._meta.model_name}"
    assert {f"{prefix}_{precision}_valid", f"{prefix}_{precision}_matches_{date}"} <= names


def test_an_event_reads_its_time_of_day_with_its_date():
    event = Event(start_date=DAY, start_precision="day", start_time=datetime.time(0, 15))
    with override("az"):
        assert str(event.start) == "20 yanvar 1990, 00:15"


@pytest.mark.django_db
def test_the_database_refuses_a_date_whose_precision_says_unknown():
    figure = factories.make_figure()
    with pytest.raises(IntegrityError), transaction.atomic():
        Figure.objects.filter(pk=figure.pk).update(as_of_precision=DatePrecision.UNKNOWN)
    with pytest.raises(IntegrityError), transaction.atomic():
        Figure.objects.filter(pk=figure.pk).update(as_of_precision="decade")
