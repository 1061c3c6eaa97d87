"""Search across every kind of content, in every language it is written in."""

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def _translated(field):
    return [f"{field}_{code}" for code in settings.MODELTRANSLATION_LANGUAGES]


def text_query(words, fields):
    """Every word must appear in one of the fields (case-insensitive)."""
    query = Q()
    for word in words:
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": word})
        query &= any_field
    return query


def search_groups():
    """(key, label, queryset factory, searched fields) for each kind of content."""
    from memorial.articles.models import Article
    from memorial.commemorations.models import Commemoration
    from memorial.events.models import Event
    from memorial.figures.models import Figure
    from memorial.photos.models import Photo
    from memorial.sources.models import Source

    return [
        (
            "events",
            _("Timeline"),
            Event,
            [*_translated("title"), *_translated("summary"), *_translated("place")],
        ),
        (
            "figures",
            _("The toll"),
            Figure,
            [
                *_translated("scope"),
                *_translated("note"),
                "quote",
                "source__title",
                "source__publisher",
            ],
        ),
        ("articles", _("Articles"), Article, [*_translated("title"), *_translated("summary")]),
        ("photos", _("Photos"), Photo, [*_translated("title"), *_translated("caption"), "credit"]),
        (
            "commemorations",
            _("Commemorations"),
            Commemoration,
            [*_translated("observances"), "year_text"],
        ),
        ("sources", _("Sources"), Source, ["title", "author", "publisher"]),
    ]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the memorial"), max_length=200, required=False)
    type = forms.ChoiceField(required=False, choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", "")] + [
            (key, label) for key, label, _model, _fields in search_groups()
        ]

    def words(self):
        return self.cleaned_data.get("q", "").split()[:10]
