from modeltranslation.translator import TranslationOptions, register
from simple_history import register as track_history

from .models import Attestation, Person


@register(Person)
class PersonTranslationOptions(TranslationOptions):
    fields = (
        "given_name",
        "surname",
        "patronymic",
        "death_note",
        "place_of_death",
        "home_town",
        "occupation",
        "what_happened",
        "burial_place",
    )
    required_languages = ()


@register(Attestation)
class AttestationTranslationOptions(TranslationOptions):
    fields = ("note",)
    required_languages = ()


track_history(
    Person,
    m2m_fields=["photos", "events", "figures"],
    excluded_fields=["search_key", "name_key", "age"],
)
track_history(Attestation)
