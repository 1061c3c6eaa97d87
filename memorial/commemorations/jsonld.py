"""The schema.org description of a commemoration."""

from memorial.web import jsonld


def commemoration(request, obj):
    return {
        "@context": jsonld.CONTEXT,
        "@type": "Event",
        "name": str(obj),
        "url": jsonld.absolute(request, obj.get_absolute_url()),
        "startDate": obj.date.isoformat(),
        "location": {"@type": "Place", "name": "Baku"},
        "description": obj.observances,
    }
