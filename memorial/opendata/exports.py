"""The memorial's published record as tables: JSON, CSV and a Frictionless data package.

Each table lists its fields with a Frictionless type and how to read the
value from an object. Only `published()` objects are exported.
"""

import csv
import datetime
import io
import json
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from memorial.core.citations import cite_source

LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
LANGUAGES = settings.MODELTRANSLATION_LANGUAGES


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    read: object
    description: str = ""


def attr(name, type_="string"):
    return Field(name, type_, lambda obj: getattr(obj, name))


def partial_date(model, name):
    """A date with its precision (a `PartialDateField`), in the columns it is stored in."""
    columns = getattr(model, name)
    return [
        Field(columns.date, "date", lambda obj: getattr(obj, name).date),
        Field(columns.precision, "string", lambda obj: getattr(obj, name).precision),
    ]


def translated(name):
    return [attr(f"{name}_{code}") for code in LANGUAGES]


def keys(relation, key="key"):
    return Field(
        relation,
        "string",
        lambda obj: ";".join(str(getattr(item, key)) for item in getattr(obj, relation).all()),
        f"{key}s separated by ';'",
    )


def _url(obj):
    with translation.override(settings.LANGUAGE_CODE):
        return obj.get_absolute_url()


URL = Field("path", "string", _url, "address of the page on the memorial's site")


def _tables():
    from memorial.articles.models import Article
    from memorial.commemorations.models import Commemoration
    from memorial.events.models import Event
    from memorial.figures.models import Figure
    from memorial.photos.models import Photo
    from memorial.sources.models import Source

    return {
        "events": (
            Event.objects.published().prefetch_related("sources"),
            [
                attr("slug"),
                URL,
                *translated("title"),
                attr("kind"),
                *partial_date(Event, "start"),
                *partial_date(Event, "end"),
                *translated("date_note"),
                *translated("place"),
                *translated("summary"),
                keys("sources"),
            ],
        ),
        "figures": (
            Figure.objects.for_toll().select_related("part_of"),
            [
                attr("key"),
                URL,
                attr("quantity"),
                attr("qualifier"),
                attr("value_low", "integer"),
                attr("value_high", "integer"),
                *translated("scope"),
                *partial_date(Figure, "as_of"),
                *translated("as_of_note"),
                Field("source", "string", lambda f: f.source.key, "key of the source"),
                Field("source_citation", "string", lambda f: cite_source(f.source, f.locator)),
                attr("locator"),
                attr("quote"),
                *translated("note"),
                Field("part_of", "string", lambda f: f.part_of.key if f.part_of else None),
                attr("sort_order", "integer"),
            ],
        ),
        "sources": (
            Source.objects.published(),
            [
                attr("key"),
                URL,
                attr("kind"),
                attr("title"),
                attr("author"),
                attr("publisher"),
                *partial_date(Source, "issued"),
                attr("url"),
                attr("locator"),
                attr("language"),
                attr("reliability"),
                *translated("reliability_note"),
            ],
        ),
        "commemorations": (
            Commemoration.objects.published().prefetch_related("sources"),
            [
                attr("year", "integer"),
                URL,
                attr("date", "date"),
                attr("minute_of_silence", "boolean"),
                attr("sound_signals", "boolean"),
                attr("flags_half_mast", "boolean"),
                attr("alley_of_martyrs", "boolean"),
                attr("events_abroad", "boolean"),
                *translated("observances"),
                keys("sources"),
            ],
        ),
        "articles": (
            Article.objects.published().prefetch_related("sources"),
            [
                attr("slug"),
                URL,
                *translated("title"),
                attr("kind"),
                attr("author"),
                attr("publisher"),
                *partial_date(Article, "publication"),
                attr("language"),
                *translated("summary"),
                attr("external_url"),
                keys("sources"),
            ],
        ),
        "photos": (
            Photo.objects.published().select_related("source").prefetch_related("events"),
            [
                attr("slug"),
                URL,
                *translated("title"),
                *translated("caption"),
                *translated("alt_text"),
                attr("credit"),
                *translated("rights"),
                attr("license_url"),
                *partial_date(Photo, "taken"),
                attr("width", "integer"),
                attr("height", "integer"),
                attr("is_graphic", "boolean"),
                Field("source", "string", lambda p: p.source.key, "key of the source"),
                keys("events", "slug"),
            ],
        ),
    }


#: The tables, in the order they are listed.
TABLES = ("events", "figures", "sources", "commemorations", "articles", "photos")


def table(name):
    """(fields, rows) of one table; rows are dicts of JSON-ready values."""
    queryset, fields = _tables()[name]
    rows = []
    for obj in queryset:
        row = {}
        for field in fields:
            value = field.read(obj)
            if isinstance(value, datetime.date):
                value = value.isoformat()
            row[field.name] = value
        rows.append(row)
    return fields, rows


def as_json(name):
    _fields, rows = table(name)
    return json.dumps(rows, ensure_ascii=False, indent=1)


#: A spreadsheet reads a cell starting with one of these as a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """A value as a CSV cell that no spreadsheet runs as a formula.

    Text that would start a formula (`=HYPERLINK(...)`, `+1+cmd|...`, `@SUM`)
    gets a leading single quote, as OWASP advises: a spreadsheet shows the
    text and runs nothing. Numbers stay numbers, negative ones too; only text
    is ever quoted.
    """
    if value is None:
        return ""
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(fieldnames, rows):
    """Rows (dicts) as CSV text with a header; every CSV the memorial writes goes through here."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fieldnames)
    writer.writeheader()
    for row in rows:
        writer.writerow({key: csv_cell(value) for key, value in row.items()})
    return buffer.getvalue()


def as_csv(name):
    fields, rows = table(name)
    return write_csv([field.name for field in fields], rows)


def datapackage(version):
    """A Frictionless tabular data package: each table once, as CSV with its schema.

    Every table is also published as JSON (`<table>.json`, an array of
    objects with the same fields), named in the table's description: a
    tabular package lists tabular files only, and a validator refuses one
    that lists the JSON files beside them.
    """
    resources = []
    for name in TABLES:
        _queryset, fields = _tables()[name]
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "description": (
                    f"The same rows as JSON: {name}.json, an array of objects with these fields."
                ),
                "schema": {
                    "fields": [
                        {
                            "name": f.name,
                            "type": f.type,
                            **({"description": f.description} if f.description else {}),
                        }
                        for f in fields
                    ],
                    "primaryKey": fields[0].name,
                },
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "black-january-memorial",
        "title": str(settings.MEMORIAL_SITE_NAME),
        "description": (
            "Every published record of the memorial, one CSV file per table; each table "
            "is also published as JSON with the same fields (<table>.json). In the CSV "
            "files a text that a spreadsheet would read as a formula starts with a single "
            "quote (')."
        ),
        "version": version,
        "created": datetime.datetime.now(datetime.UTC).replace(microsecond=0).isoformat(),
        "licenses": [LICENSE],
        "homepage": reverse("opendata:index"),
        "resources": resources,
    }


def files(version):
    """Every file of a release: name → text."""
    written = {}
    for name in TABLES:
        written[f"{name}.json"] = as_json(name)
        written[f"{name}.csv"] = as_csv(name)
    written["datapackage.json"] = json.dumps(datapackage(version), ensure_ascii=False, indent=1)
    return written
