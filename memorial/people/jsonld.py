"""The schema.org description of a person."""

from django.conf import settings

from memorial.web import jsonld


def _names(person):
    """The person's name in every language, once each."""
    names = []
    for code in settings.MODELTRANSLATION_LANGUAGES:
        parts = (getattr(person, f"given_name_{code}"), getattr(person, f"surname_{code}"))
        name = " ".join(part for part in parts if part)
        if name and name not in names:
            names.append(name)
    return names


def person(request, obj, sources=()):
    data = {
        "@context": jsonld.CONTEXT,
        "@type": "Person",
        "name": obj.display_name,
        "url": jsonld.absolute(request, obj.get_absolute_url()),
    }
    if obj.given_name:
        data["givenName"] = obj.given_name
    if obj.surname:
        data["familyName"] = obj.surname
    alternate = [name for name in _names(obj) if name != data["name"]]
    if alternate:
        data["alternateName"] = alternate
    birth = obj.birth.iso
    if birth:
        data["birthDate"] = birth
    death = obj.death.iso
    if death:
        data["deathDate"] = death
    if obj.place_of_death:
        data["deathPlace"] = {"@type": "Place", "name": obj.place_of_death}
    if obj.occupation:
        data["jobTitle"] = obj.occupation
    if obj.what_happened:
        data["description"] = obj.what_happened
    if sources:
        data["subjectOf"] = jsonld.citations(jsonld.titles_and_addresses(sources))
    return data
