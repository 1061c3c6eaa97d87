"""schema.org descriptions as plain dictionaries: the memorial itself, and the pieces
every topic app's description of its pages (its `jsonld.py`) is made of.

Templates print them with the `jsonld` tag, which does the escaping.
"""

from django.conf import settings
from django.urls import get_script_prefix

CONTEXT = "https://schema.org"


def absolute(request, url):
    return request.build_absolute_uri(url)


def organization(request):
    return {
        "@context": CONTEXT,
        "@type": "Organization",
        "name": str(settings.MEMORIAL_SITE_NAME),
        # The site's root, which leads each visitor to the home page in their language.
        "url": absolute(request, get_script_prefix()),
        "email": settings.MEMORIAL_CONTACT_EMAIL,
    }


def publisher(request):
    data = organization(request)
    data.pop("@context")
    return data


def citations(sources):
    """schema.org works for (title, address) pairs; the address may be empty."""
    return [
        {"@type": "CreativeWork", "name": title, **({"url": url} if url else {})}
        for title, url in sources
    ]


def titles_and_addresses(sources):
    return [(source.title, source.url) for source in sources]
