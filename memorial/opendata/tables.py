"""The open data's vocabulary: tables and their columns, as topic apps declare them.

A table is one file of the open data, published as CSV, as JSON and in
``datapackage.json``: ``rows()`` gives the published objects, one row each,
and ``fields`` its columns. A column (a ``Field``) has a name, a
Frictionless type (``string``, ``integer``, ``date``, ``boolean`` ...), a
function reading its value from an object and, when the name alone does not
say it, a description. The first column is the table's primary key.

A topic app declares its tables among its contributions (see
``memorial/core/registry.py``), and this app exports every table it finds
there without naming the app::

    from memorial.opendata import tables

    from .models import Wreath

    CONTRIBUTIONS = [
        tables.Table(
            "wreaths",
            lambda: Wreath.objects.published(),
            [
                tables.attr("slug"),
                tables.URL,
                *tables.translated("title"),
                *tables.partial_date(Wreath, "laid"),
                tables.keys("sources"),
            ],
            order=70,
        ),
    ]

The helpers below build the usual columns; a column they do not cover is a
``Field`` of its own, such as ``Field("source", "string", lambda f:
f.source.key, "key of the source")``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation


@dataclass(frozen=True)
class Field:
    """A column of an open-data table: its name, Frictionless type and how to read it."""

    name: str
    type: str
    read: Callable
    description: str = ""


@dataclass(frozen=True)
class Table:
    """An open-data table: `rows()` gives the published objects, `fields` their columns.

    The first field is the table's primary key.
    """

    name: str
    rows: Callable
    fields: list = field(default_factory=list)
    order: int = 100


def attr(name, type_="string"):
    """A column read from the attribute of the same name."""
    return Field(name, type_, lambda obj: getattr(obj, name))


def translated(name):
    """One column per language of a translated field: title_az, title_en, title_ru."""
    return [attr(f"{name}_{code}") for code in settings.MODELTRANSLATION_LANGUAGES]


def partial_date(model, name):
    """A date with its precision (a `PartialDateField`), in the columns it is stored in."""
    columns = getattr(model, name)
    return [
        Field(columns.date, "date", lambda obj: getattr(obj, name).date),
        Field(columns.precision, "string", lambda obj: getattr(obj, name).precision),
    ]


def keys(relation, key="key"):
    """The natural keys of a many-to-many relation, in one column."""
    return Field(
        relation,
        "string",
        lambda obj: ";".join(str(getattr(item, key)) for item in getattr(obj, relation).all()),
        f"{key}s separated by ';'",
    )


def _path(obj):
    with translation.override(settings.LANGUAGE_CODE):
        return obj.get_absolute_url()


#: The column giving the address of an object's page.
URL = Field("path", "string", _path, "address of the page on the memorial's site")
