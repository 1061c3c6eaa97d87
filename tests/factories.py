"""Small factories for unit tests: the demo fixtures are for the fixture tests only."""

import datetime
import io
import itertools

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from memorial.articles.models import Article
from memorial.commemorations.models import Commemoration
from memorial.events.models import Event
from memorial.figures.models import Figure
from memorial.people.models import Attestation, Person
from memorial.photos.models import Photo
from memorial.sources.models import Source

_counter = itertools.count(1)


def _n():
    return next(_counter)


def make_source(**kwargs):
    n = _n()
    defaults = {
        "key": f"source-{n}",
        "kind": "press",
        "title": f"Source {n}",
        "publisher": "A newspaper",
        "date": datetime.date(1990, 1, 21),
        "date_precision": "day",
        "url": "https://example.org/source",
    }
    defaults.update(kwargs)
    return Source.objects.create(**defaults)


def make_event(**kwargs):
    n = _n()
    sources = kwargs.pop("sources", None)
    defaults = {
        "title_en": f"Event {n}",
        "title_az": f"Hadisə {n}",
        "title_ru": f"Событие {n}",
        "slug": f"event-{n}",
        "kind": "main",
        "start_date": datetime.date(1990, 1, 20),
        "start_precision": "day",
        "summary_en": "What happened.",
        "is_published": True,
    }
    defaults.update(kwargs)
    event = Event.objects.create(**defaults)
    event.sources.set(sources if sources is not None else [make_source()])
    return event


def make_figure(**kwargs):
    n = _n()
    defaults = {
        "key": f"figure-{n}",
        "quantity": "killed",
        "qualifier": "exact",
        "value_low": 100 + n,
        "scope_en": "Baku",
        "as_of_date": datetime.date(1990, 2, 9),
        "as_of_precision": "day",
        "is_published": True,
    }
    defaults.update(kwargs)
    if "source" not in defaults:
        defaults["source"] = make_source()
    return Figure.objects.create(**defaults)


def image_bytes(size=(64, 48), fmt="JPEG", color=(150, 20, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    return buffer.getvalue()


def make_photo(**kwargs):
    n = _n()
    events = kwargs.pop("events", None)
    defaults = {
        "title_en": f"Photo {n}",
        "title_az": f"Foto {n}",
        "title_ru": f"Фотография {n}",
        "slug": f"photo-{n}",
        "alt_text_en": "Red carnations laid on a stone step.",
        "alt_text_az": "Daş pilləkənə qoyulmuş qırmızı qərənfillər.",
        "alt_text_ru": "Красные гвоздики на каменной ступени.",
        "caption_en": "Carnations at the memorial.",
        "credit": "Black January Memorial",
        "rights": "Made for this site; free to reuse with credit.",
        "is_published": True,
    }
    defaults.update(kwargs)
    if "source" not in defaults:
        defaults["source"] = make_source()
    if "image" not in defaults:
        defaults["image"] = SimpleUploadedFile("carnations.jpg", image_bytes(), "image/jpeg")
    photo = Photo.objects.create(**defaults)
    if events:
        photo.events.set(events)
    return photo


def make_article(**kwargs):
    n = _n()
    defaults = {
        "title_en": f"Article {n}",
        "slug": f"article-{n}",
        "kind": "summary",
        "publisher": "A newspaper",
        "publication_date": datetime.date(1990, 1, 22),
        "publication_precision": "day",
        "summary_en": "In our words.",
        "is_published": True,
    }
    defaults.update(kwargs)
    return Article.objects.create(**defaults)


def make_commemoration(year=2020, **kwargs):
    defaults = {
        "year": year,
        "date": datetime.date(year, 1, 20),
        "minute_of_silence": True,
        "observances_en": "A minute of silence at noon.",
        "is_published": True,
    }
    defaults.update(kwargs)
    return Commemoration.objects.create(**defaults)


def make_person(source=None, says="Named in the source.", **kwargs):
    """A published person with one attestation."""
    n = _n()
    defaults = {
        "slug": f"person-{n}",
        "given_name_en": f"Given{n}",
        "surname_en": f"Surname{n}",
        "given_name_az": f"Ad{n}",
        "surname_az": f"Soyad{n}",
        "given_name_ru": f"Имя{n}",
        "surname_ru": f"Фамилия{n}",
        "death_date": datetime.date(1990, 1, 20),
        "death_precision": "day",
        "place_of_death_en": "Baku",
        "place_of_death_az": "Bakı",
        "place_of_death_ru": "Баку",
        "confidence": "high",
        "is_published": True,
    }
    defaults.update(kwargs)
    person = Person.objects.create(**defaults)
    Attestation.objects.create(person=person, source=source or make_source(), says=says)
    return person
