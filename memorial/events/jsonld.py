"""The schema.org description of an event."""

from django.utils.translation import get_language

from memorial.web import jsonld


def event(request, obj, sources=()):
    data = {
        "@context": jsonld.CONTEXT,
        "@type": "Event",
        "name": obj.title,
        "url": jsonld.absolute(request, obj.get_absolute_url()),
        "description": obj.summary,
        "inLanguage": get_language(),
    }
    if obj.start:
        data["startDate"] = obj.start.iso
    if obj.end:
        data["endDate"] = obj.end.iso
    if obj.place:
        data["location"] = {"@type": "Place", "name": obj.place}
    if sources:
        data["citation"] = jsonld.citations(jsonld.titles_and_addresses(sources))
    return data
