from modeltranslation.translator import TranslationOptions, register

from .models import Wreath


@register(Wreath)
class WreathTranslationOptions(TranslationOptions):
    fields = ("title", "body")
    required_languages = ("en",)
