from modeltranslation.translator import TranslationOptions, register
from simple_history import register as track_history

from .models import Commemoration


@register(Commemoration)
class CommemorationTranslationOptions(TranslationOptions):
    fields = ("observances", "description")


track_history(Commemoration, m2m_fields=["sources"], excluded_fields=["search_key"])
