"""schema.org descriptions of the memorial's pages, as plain dictionaries.

Templates print them with the `jsonld` tag, which does the escaping.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language

CONTEXT = "https://schema.org"


def _absolute(request, url):
    return request.build_absolute_uri(url)


def organization(request):
    return {
        "@context": CONTEXT,
        "@type": "Organization",
        "name": str(settings.MEMORIAL_SITE_NAME),
        "url": _absolute(request, reverse("core:home")),
        "email": settings.MEMORIAL_CONTACT_EMAIL,
    }


def _publisher(request):
    data = organization(request)
    data.pop("@context")
    return data


def _citations(sources):
    """schema.org works for (title, address) pairs; the address may be empty."""
    return [
        {"@type": "CreativeWork", "name": title, **({"url": url} if url else {})}
        for title, url in sources
    ]


def _titles_and_addresses(sources):
    return [(source.title, source.url) for source in sources]


def event(request, obj, sources=()):
    data = {
        "@context": CONTEXT,
        "@type": "Event",
        "name": obj.title,
        "url": _absolute(request, obj.get_absolute_url()),
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
        data["citation"] = _citations(_titles_and_addresses(sources))
    return data


def article(request, obj, sources=()):
    data = {
        "@context": CONTEXT,
        "@type": "Article",
        "headline": obj.title,
        "url": _absolute(request, obj.get_absolute_url()),
        "description": obj.summary,
        "publisher": _publisher(request),
    }
    if obj.publication:
        data["datePublished"] = obj.publication.iso
    if obj.author:
        data["author"] = {"@type": "Person", "name": obj.author}
    if obj.external_url:
        data["sameAs"] = obj.external_url
    if sources:
        data["citation"] = _citations(_titles_and_addresses(sources))
    return data


def image_object(request, photo):
    data = {
        "@context": CONTEXT,
        "@type": "ImageObject",
        "name": photo.title,
        "url": _absolute(request, photo.get_absolute_url()),
        "contentUrl": _absolute(request, photo.image.url),
        "caption": photo.caption,
        "creditText": photo.credit,
        "copyrightNotice": photo.rights,
    }
    if photo.width and photo.height:
        data["width"] = photo.width
        data["height"] = photo.height
    if photo.license_url:
        data["license"] = photo.license_url
    if photo.taken:
        data["dateCreated"] = photo.taken.iso
    if photo.place:
        data["contentLocation"] = {"@type": "Place", "name": photo.place}
    return data


def dataset(request, name, description, url, measured, sources):
    """Figures as a dataset: every figure is a cited measurement, none the truth.

    `measured` names what the figures count; `sources` are the (title,
    address) of the sources they cite.
    """
    return {
        "@context": CONTEXT,
        "@type": "Dataset",
        "name": str(name),
        "description": str(description),
        "url": _absolute(request, url),
        "creator": _publisher(request),
        "isAccessibleForFree": True,
        "variableMeasured": list(measured),
        "citation": _citations(sources),
    }


def commemoration(request, obj):
    return {
        "@context": CONTEXT,
        "@type": "Event",
        "name": str(obj),
        "url": _absolute(request, obj.get_absolute_url()),
        "startDate": obj.date.isoformat(),
        "location": {"@type": "Place", "name": "Baku"},
        "description": obj.observances,
    }
