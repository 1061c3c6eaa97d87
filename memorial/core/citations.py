"""Citation text: one function for a source, one for a page of this memorial."""

import json

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _


def cite_source(source, locator=""):
    """ "Author. Title. Publisher, date. Locator. URL" with the parts the source has."""
    parts = []
    if source.author:
        parts.append(source.author)
    parts.append(source.title)
    publisher = ", ".join(
        part for part in (source.publisher, str(source.issued) if source.issued else "") if part
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


def citation_date(value):
    """Citation styles write English dates month first (January 20, 2026)."""
    if (get_language() or "en").startswith("en"):
        return date_format(value, "F j, Y")
    return date_format(value, "DATE_FORMAT")


def cite_page(title, url, accessed):
    """How to cite a page of the memorial, with the day it was read."""
    return _("%(site)s. “%(title)s”. %(url)s (accessed %(date)s).") % {
        "site": settings.MEMORIAL_SITE_NAME,
        "title": title,
        "url": url,
        "date": citation_date(accessed),
    }


#: The styles "Cite this" offers, in the order shown.
STYLES = ("chicago", "apa", "bibtex", "csl-json")


def page_record(obj, url, accessed):
    """What a citation of one of the memorial's pages needs: title, address, day read."""
    opts = obj._meta
    identifier = "-".join(str(part) for part in obj.natural_key())
    return {
        "id": f"black-january-{opts.model_name}-{identifier}",
        "title": str(obj),
        "url": url,
        "accessed": accessed,
        "site": str(settings.MEMORIAL_SITE_NAME),
    }


def _bibtex_text(value):
    for char in "\\{}%&$#_":
        value = value.replace(char, "\\" + char if char != "\\" else "\\textbackslash{}")
    return value


def cite(record, style):
    """The citation of a `page_record` in one of STYLES, as text."""
    accessed = record["accessed"]
    if style == "chicago":
        return _("%(site)s. “%(title)s.” Accessed %(date)s. %(url)s.") % {
            **record,
            "date": citation_date(accessed),
        }
    if style == "apa":
        return _("%(site)s. (n.d.). %(title)s. Retrieved %(date)s, from %(url)s") % {
            **record,
            "date": citation_date(accessed),
        }
    if style == "bibtex":
        fields = [
            ("title", "{" + _bibtex_text(record["title"]) + "}"),
            ("author", "{" + _bibtex_text(record["site"]) + "}"),
            ("howpublished", "\\url{" + record["url"] + "}"),
            ("url", record["url"]),
            ("urldate", accessed.isoformat()),
            ("note", f"Accessed {accessed.isoformat()}"),
        ]
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        return f"@misc{{{record['id']},\n{body}\n}}"
    if style == "csl-json":
        data = {
            "id": record["id"],
            "type": "webpage",
            "title": record["title"],
            "author": [{"literal": record["site"]}],
            "container-title": record["site"],
            "URL": record["url"],
            "accessed": {"date-parts": [[accessed.year, accessed.month, accessed.day]]},
        }
        return json.dumps(data, ensure_ascii=False, indent=2)
    raise ValueError(f"unknown citation style: {style}")
