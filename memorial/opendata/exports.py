"""The memorial's published record as tables: JSON, CSV and a Frictionless data package.

Each topic app declares its tables in its contributions (`registry.Table`):
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

LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}


def _tables():
    """name -> the `registry.Table` of each topic app, in the order they are listed."""
    return {table.name: table for table in registry.contributions(registry.Table)}


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


def as_csv(name):
    fields, rows = table(name)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[field.name for field in fields])
    writer.writeheader()
    for row in rows:
        writer.writerow({key: "" if value is None else value for key, value in row.items()})
    return buffer.getvalue()


def datapackage(version):
    """A Frictionless Data package describing every CSV and JSON file."""
    resources = []
    for name, found in _tables().items():
        fields = found.fields
        schema = {
            "fields": [
                {
                    "name": f.name,
                    "type": f.type,
                    **({"description": f.description} if f.description else {}),
                }
                for f in fields
            ],
            "primaryKey": fields[0].name,
        }
        for fmt, media in (("csv", "text/csv"), ("json", "application/json")):
            resources.append(
                {
                    "name": f"{name}-{fmt}",
                    "path": f"{name}.{fmt}",
                    "format": fmt,
                    "mediatype": media,
                    "encoding": "utf-8",
                    "profile": "tabular-data-resource" if fmt == "csv" else "data-resource",
                    "schema": schema,
                }
            )
    return {
        "profile": "tabular-data-package",
        "name": "black-january-memorial",
        "title": str(settings.MEMORIAL_SITE_NAME),
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
