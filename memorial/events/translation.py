from modeltranslation.translator import TranslationOptions, register
from simple_history import register as track_history

from .models import Event


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "date_note", "place", "summary", "body")
    required_languages = ("en",)


track_history(Event, m2m_fields=["sources"], excluded_fields=["search_key"])
