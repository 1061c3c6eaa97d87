from modeltranslation.translator import TranslationOptions, register
from simple_history import register as track_history

from .models import Photo


@register(Photo)
class PhotoTranslationOptions(TranslationOptions):
    fields = ("title", "caption", "alt_text", "place", "rights")
    required_languages = ("en",)


track_history(Photo, m2m_fields=["events"], excluded_fields=["search_key"])
