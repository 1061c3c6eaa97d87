from modeltranslation.translator import TranslationOptions, register
from simple_history import register as track_history

from .models import Figure


@register(Figure)
class FigureTranslationOptions(TranslationOptions):
    fields = ("scope", "as_of_note", "note")
    required_languages = ("en",)


track_history(Figure, excluded_fields=["search_key"])
