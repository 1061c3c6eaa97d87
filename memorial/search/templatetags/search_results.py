"""What a search result says of itself besides its title: its kind and its date."""

import datetime

from django import template
from django.utils.text import capfirst

from memorial.core.dates import PartialDate

register = template.Library()

#: Where a result's date is read, by the names the content models give it: a date
#: and its note, a publication, an as-of date, a photograph's, a source's, a year's.
DATE_ATTRIBUTES = (
    "when",
    "publication_display",
    "as_of_display",
    "taken",
    "issued",
    "death",
    "date",
)


@register.simple_tag
def result_kind(item):
    """ "Event", "Article · Report": the kind of content, and its own kind where it has one."""
    kind = capfirst(item._meta.verbose_name)
    own = getattr(item, "get_kind_display", None)
    return f"{kind} · {own()}" if own else kind


@register.simple_tag
def result_date(item):
    """The result's date as every page writes it, or "" when it has none."""
    for name in DATE_ATTRIBUTES:
        value = getattr(item, name, None)
        if isinstance(value, datetime.date):
            value = PartialDate(value)
        if value and not callable(value):
            return str(value)
    return ""
