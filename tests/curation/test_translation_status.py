"""Every translated model's list says which languages each object is complete in, and
filters by it."""

import pytest
from django.contrib import admin
from django.urls import reverse

from memorial.curation import translations
from memorial.events.models import Event
from tests import factories

pytestmark = pytest.mark.django_db


def translated_models():
    return [model for model in admin.site._registry if translations.translated_fields(model)]


def test_every_translated_model_has_the_column_and_the_filter(superuser_client):
    models = translated_models()
    assert {m._meta.label for m in models} >= {
        "events.Event",
        "figures.Figure",
        "photos.Photo",
        "articles.Article",
        "commemorations.Commemoration",
        "sources.Source",
        "people.Person",
        "people.Attestation",
    }
    for model in models:
        opts = model._meta
        response = superuser_client.get(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        )
        assert response.status_code == 200, opts.label
        assert "translation_status" in response.context["cl"].list_display, opts.label
        titles = [str(f.title) for f in response.context["cl"].filter_specs]
        assert "translation" in titles, opts.label


def test_the_column_names_the_missing_languages(superuser_client):
    complete = factories.make_event(summary_az="Bəli.", summary_ru="Да.")
    partial = factories.make_event(summary_az="", summary_ru="")
    response = superuser_client.get(reverse("admin:events_event_changelist"))
    text = response.content.decode()
    assert "az, ru missing" in text
    assert translations.status_text(complete) == "complete"
    assert translations.status_text(partial) == "az, ru missing"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("complete", {"complete"}), ("ru", {"no-ru", "english-only"}), ("az", {"english-only"})],
)
def test_the_filter(superuser_client, value, expected):
    made = {
        "complete": factories.make_event(summary_az="Bəli.", summary_ru="Да."),
        "no-ru": factories.make_event(summary_az="Bəli.", summary_ru=""),
        "english-only": factories.make_event(summary_az="", summary_ru=""),
    }
    response = superuser_client.get(
        reverse("admin:events_event_changelist"), {"translation": value}
    )
    shown = set(response.context["cl"].result_list.values_list("pk", flat=True))
    assert shown == {made[name].pk for name in expected}
    assert Event.objects.count() == 3
