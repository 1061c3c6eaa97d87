"""The memorial's published record as tables: JSON, CSV and a Frictionless data package.

Each topic app declares its tables in its contributions (a `tables.Table`):
the fields with a Frictionless type and how to read the value from an
object. Only `published()` objects are exported.
"""

import csv
import datetime
import io
import json

from django.conf import settings
from django.urls import reverse

from memorial.core import registry

from . import tables

LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}


def _tables():
    """name -> the `tables.Table` of each topic app, in the order they are listed."""
    return {table.name: table for table in registry.contributions(tables.Table)}


def table_names():
    """The tables, in the order they are listed."""
    return list(_tables())


def table(name):
    """(fields, rows) of one table; rows are dicts of JSON-ready values."""
    found = _tables()[name]
    fields = found.fields
    rows = []
    for obj in found.rows():
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
    for name, found in _tables().items():
        fields = found.fields
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
    for name in table_names():
        written[f"{name}.json"] = as_json(name)
        written[f"{name}.csv"] = as_csv(name)
    written["datapackage.json"] = json.dumps(datapackage(version), ensure_ascii=False, indent=1)
    return written
