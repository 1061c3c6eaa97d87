from modeltranslation.translator import TranslationOptions, register
from simple_history import register as track_history

from .models import Source


@register(Source)
class SourceTranslationOptions(TranslationOptions):
    fields = ("reliability_note", "title_translation", "publisher_translation")


# After translation registration, so the history keeps every language.
track_history(Source, excluded_fields=["search_key"])
