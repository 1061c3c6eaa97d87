from functools import partial

from django.conf import settings

from memorial.web import jsonld


def site(request):
    return {
        "SITE_NAME": settings.MEMORIAL_SITE_NAME,
        "CONTACT_EMAIL": settings.MEMORIAL_CONTACT_EMAIL,
        "DEFAULT_LANGUAGE": settings.LANGUAGE_CODE,
        "FRAGMENT_CACHE_SECONDS": settings.MEMORIAL_FRAGMENT_CACHE_SECONDS,
        # Called by the template only when a page has no description of its own.
        "ORGANIZATION_JSONLD": partial(jsonld.organization, request),
    }
