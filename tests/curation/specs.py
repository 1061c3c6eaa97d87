"""One entry per content model: how to make one, and what a valid add form sends."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from memorial.articles.models import Article
from memorial.commemorations.models import Commemoration
from memorial.events.models import Event
from memorial.figures.models import Figure
from memorial.photos.models import Photo
from memorial.sources.models import Source
from tests import factories


@dataclass
class Spec:
    model: Any
    make: Any
    valid: Any  # a function of a fresh source, returning form overrides
    lookup: dict = field(default_factory=dict)

    @property
    def name(self):
        return self.model._meta.model_name

    @property
    def app_label(self):
        return self.model._meta.app_label

    def url(self, view, *args):
        from django.urls import reverse

        return reverse(f"admin:{self.app_label}_{self.name}_{view}", args=args)


def _photo_upload():
    return SimpleUploadedFile("new.jpg", factories.image_bytes(), "image/jpeg")


SPECS = [
    Spec(
        Source,
        factories.make_source,
        lambda source: {
            "title": "Report of the commission",
            "key": "commission-report",
            "kind": "government",
            "date_precision": "unknown",
            "reliability": "high",
        },
        {"key": "commission-report"},
    ),
    Spec(
        Event,
        factories.make_event,
        lambda source: {
            "title_en": "Troops enter Baku",
            "slug": "troops-enter-baku",
            "kind": "main",
            "start_date": "1990-01-19",
            "start_precision": "day",
            "end_precision": "unknown",
            "sources": [str(source.pk)],
        },
        {"slug": "troops-enter-baku"},
    ),
    Spec(
        Figure,
        factories.make_figure,
        lambda source: {
            "key": "killed-commission",
            "quantity": "killed",
            "qualifier": "exact",
            "value_low": "131",
            "scope_en": "Baku and the districts",
            "as_of_date": "1990-02-09",
            "as_of_precision": "day",
            "source": str(source.pk),
        },
        {"key": "killed-commission"},
    ),
    Spec(
        Photo,
        factories.make_photo,
        lambda source: {
            "title_en": "Carnations on the steps",
            "slug": "carnations-on-the-steps",
            "image": _photo_upload(),
            "alt_text_en": "Red carnations laid along a stone staircase.",
            "alt_text_az": "Daş pilləkən boyunca düzülmüş qırmızı qərənfillər.",
            "alt_text_ru": "Красные гвоздики, разложенные вдоль каменной лестницы.",
            "credit": "Memorial staff",
            "kind": "photograph",
            "rights_en": "Made for this site.",
            "source": str(source.pk),
            "taken_precision": "unknown",
        },
        {"slug": "carnations-on-the-steps"},
    ),
    Spec(
        Article,
        factories.make_article,
        lambda source: {
            "title_en": "What the newspapers said",
            "slug": "what-the-newspapers-said",
            "kind": "summary",
            "publication_precision": "unknown",
            "sources": [str(source.pk)],
        },
        {"slug": "what-the-newspapers-said"},
    ),
    Spec(
        Commemoration,
        lambda **kwargs: factories.make_commemoration(2020, **kwargs),
        lambda source: {"year": "2021", "date": "2021-01-20"},
        {"year": 2021},
    ),
]

DATE_FIELD = {
    "source": "date",
    "event": "start_date",
    "figure": "as_of_date",
    "photo": "taken_date",
    "article": "publication_date",
    "commemoration": "date",
}


def spec_id(spec):
    return spec.name


def today():
    return datetime.date.today()
