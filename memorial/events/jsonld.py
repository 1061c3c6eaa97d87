"""The schema.org description of an event."""

from django.utils.translation import get_language

from memorial.core import jsonld
from memorial.core.dates import partial_date_iso


def event(request, obj, sources=()):
    data = {
        "@context": jsonld.CONTEXT,
        "@type": "Event",
        "name": obj.title,
        "url": jsonld.absolute(request, obj.get_absolute_url()),
        "description": obj.summary,
        "inLanguage": get_language(),
    }
    start = partial_date_iso(obj.start_date, obj.start_precision)
    if start:
        data["startDate"] = start
    end = partial_date_iso(obj.end_date, obj.end_precision)
    if end:
        data["endDate"] = end
    if obj.place:
        data["location"] = {"@type": "Place", "name": obj.place}
    if sources:
        data["citation"] = jsonld.citations(jsonld.titles_and_addresses(sources))
    return data
