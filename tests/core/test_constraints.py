"""The database itself refuses bad data, whatever path it comes by."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.db.models.deletion import ProtectedError

from memorial.commemorations.models import Commemoration
from memorial.events.models import Event
from memorial.figures.models import Figure
from memorial.photos.models import Photo
from memorial.sources.models import Source
from tests import factories

pytestmark = pytest.mark.django_db


def refused(queryset, **changes):
    with pytest.raises(IntegrityError), transaction.atomic():
        queryset.update(**changes)


def test_figure_value_cannot_be_negative():
    """A negative count is refused by the database, not only by forms."""
    figure = factories.make_figure()
    with pytest.raises((IntegrityError, Exception)), transaction.atomic():
        Figure.objects.filter(pk=figure.pk).update(value_low=-1)


def test_figure_low_cannot_exceed_high():
    figure = factories.make_figure(qualifier="range", value_low=10, value_high=20)
    refused(Figure.objects.filter(pk=figure.pk), value_low=30)


def test_figure_range_needs_upper_value_and_only_range_has_one():
    figure = factories.make_figure()
    refused(Figure.objects.filter(pk=figure.pk), qualifier="range")
    refused(Figure.objects.filter(pk=figure.pk), value_high=figure.value_low + 5)


def test_figure_quantity_and_qualifier_are_choices():
    figure = factories.make_figure()
    refused(Figure.objects.filter(pk=figure.pk), quantity="vibes")
    refused(Figure.objects.filter(pk=figure.pk), qualifier="roughly")


def test_figure_needs_a_source():
    figure = factories.make_figure()
    refused(Figure.objects.filter(pk=figure.pk), source=None)


def test_as_of_precision_must_match_date():
    figure = factories.make_figure()
    refused(Figure.objects.filter(pk=figure.pk), as_of_date=None)
    refused(Figure.objects.filter(pk=figure.pk), as_of_precision="unknown")


def test_event_end_cannot_be_before_start():
    event = factories.make_event()
    refused(
        Event.objects.filter(pk=event.pk),
        end_date=datetime.date(1990, 1, 1),
        end_precision="day",
    )


def test_event_kind_is_a_choice_and_title_not_blank():
    event = factories.make_event()
    refused(Event.objects.filter(pk=event.pk), kind="rumour")
    refused(Event.objects.filter(pk=event.pk), title="   ")


def test_bulk_create_goes_through_the_same_checks():
    source = factories.make_source()
    with pytest.raises(IntegrityError), transaction.atomic():
        Figure.objects.bulk_create(
            [
                Figure(
                    key="bad",
                    quantity="killed",
                    qualifier="range",
                    value_low=10,
                    value_high=5,
                    scope="x",
                    source=source,
                )
            ]
        )


def test_source_url_must_be_http():
    source = factories.make_source()
    refused(Source.objects.filter(pk=source.pk), url="javascript:alert(1)")
    refused(Source.objects.filter(pk=source.pk), kind="gossip")


def test_photo_needs_alt_text_unless_decorative():
    photo = factories.make_photo()
    refused(Photo.objects.filter(pk=photo.pk), alt_text="", alt_text_en="")
    Photo.objects.filter(pk=photo.pk).update(alt_text="", alt_text_en="", is_decorative=True)


def test_commemoration_year_is_unique_after_1990_and_matches_date():
    factories.make_commemoration(year=2020)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.make_commemoration(year=2020)
    with pytest.raises(IntegrityError), transaction.atomic():
        Commemoration.objects.create(year=1990, date=datetime.date(1990, 1, 20))
    refused(Commemoration.objects.filter(year=2020), date=datetime.date(2019, 1, 20))


def test_deleting_a_cited_source_is_refused():
    """Sources behind figures and photos are protected, never cascaded away."""
    figure = factories.make_figure()
    with pytest.raises(ProtectedError):
        figure.source.delete()
    assert Figure.objects.filter(pk=figure.pk).exists()


def test_anniversary_is_derived_from_the_year():
    commemoration = factories.make_commemoration(year=2026)
    assert commemoration.anniversary == 36
    assert commemoration.anniversary_ordinal == "36th"
