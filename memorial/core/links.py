"""Addresses of pages, computed once per language and kept.

Django's `reverse()` walks the URL patterns on every call. A list page asks
for the address of every row (and a row's source), so the same few hundred
addresses were built again on every request. An address depends only on the
URL configuration, the script prefix, the active language (the `/az/` prefix)
and the arguments, so it is kept under exactly those.
"""

from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse
from django.utils.translation import get_language, override


def reverse(viewname, *, args=(), kwargs=None):
    """`django.urls.reverse`, remembered; arguments must be hashable (slugs, keys, numbers)."""
    return _reverse(
        get_urlconf() or settings.ROOT_URLCONF,
        get_script_prefix(),
        get_language(),
        viewname,
        tuple(args),
        tuple(sorted((kwargs or {}).items())),
    )


@lru_cache(maxsize=20_000)
def _reverse(urlconf, prefix, language, viewname, args, kwargs):
    # The language is part of the key and made active, so a hit always gives
    # what django_reverse would give now.
    with override(language):
        return django_reverse(viewname, urlconf=urlconf, args=args, kwargs=dict(kwargs))


@receiver(setting_changed)
def _forget(setting, **kwargs):
    if setting in {"ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE", "FORCE_SCRIPT_NAME"}:
        _reverse.cache_clear()


SLUG_MARKER = "slug-marker"


def slug_addresses(viewname, kwarg):
    """A function giving the address of `viewname` for any slug `kwarg`, from one reverse().

    For lists, which would otherwise reverse once a row. A slug (letters,
    digits, hyphens and underscores, as the `slug` converter admits) is written
    into an address as it is, so an object's address is the marker's with the
    marker replaced.
    """
    before, _marker, after = reverse(viewname, kwargs={kwarg: SLUG_MARKER}).partition(SLUG_MARKER)
    return lambda slug: f"{before}{slug}{after}"
