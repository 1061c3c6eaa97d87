from modeltranslation.translator import TranslationOptions, register

from .models import Memory


@register(Memory)
class MemoryTranslationOptions(TranslationOptions):
    """A memory is kept in the language it was written in: no field is translated, but
    it is content like the rest and read through the same multilingual QuerySets."""

    fields = ()
