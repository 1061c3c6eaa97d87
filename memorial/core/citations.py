"""Citation text: one function for a source, one for a page of this memorial."""

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _


def cite_source(source, locator=""):
    """ "Author. Title. Publisher, date. Locator. URL" with the parts the source has."""
    parts = []
    if source.author:
        parts.append(source.author)
    parts.append(source.title)
    publisher = ", ".join(
        part for part in (source.publisher, source.date_display if source.date else "") if part
    )
    if publisher:
        parts.append(publisher)
    locator = locator or source.locator
    if locator:
        parts.append(locator)
    text = ". ".join(part.rstrip(".") for part in parts) + "."
    if source.url:
        text = f"{text} {source.url}"
    return text


def cite_page(title, url, accessed):
    """How to cite a page of the memorial, with the day it was read."""
    return _("%(site)s. “%(title)s”. %(url)s (accessed %(date)s).") % {
        "site": settings.MEMORIAL_SITE_NAME,
        "title": title,
        "url": url,
        "date": date_format(accessed, "DATE_FORMAT"),
    }
