"""Content querysets are multilingual by their own class, made once."""

import pytest
from django.utils import translation
from modeltranslation.manager import MultilingualQuerySet

from memorial.articles.models import Article
from memorial.commemorations.models import Commemoration
from memorial.events.models import Event
from memorial.figures.models import Figure
from memorial.photos.models import Photo
from memorial.sources.models import Source
from tests import factories

MODELS = (Article, Commemoration, Event, Figure, Photo, Source)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_query_of_a_model_has_the_same_multilingual_queryset_class(model):
    first, second = model.objects.all(), model.objects.all()
    assert type(first) is type(second)
    assert isinstance(first, MultilingualQuerySet)


@pytest.mark.parametrize("language", ("az", "en", "ru"))
def test_lookups_and_ordering_on_translated_fields_use_the_active_language(language):
    with translation.override(language):
        query = str(Event.objects.filter(title__icontains="x").order_by("title").query)
    assert f'"title_{language}"' in query
    assert f'"title_{"ru" if language != "ru" else "az"}"' not in query.split("FROM")[1]


@pytest.mark.django_db
def test_related_lists_are_multilingual_too():
    event = factories.make_event()
    photos = event.photos.all()
    assert isinstance(photos, MultilingualQuerySet)
    assert type(photos) is type(event.photos.all())
