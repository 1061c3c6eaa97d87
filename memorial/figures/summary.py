"""The toll at a glance: a plain summary before the comparison.

How many were killed is told by where each count comes from (the earliest
reports, official counts, the press and later accounts, the highest estimates,
as curators mark each figure's `reading`); the wounded, detained and missing by
the span of their figures. Each span links to the rows it sums up. A part of a
total is never counted beside its total.
"""

from dataclasses import dataclass

from .models import Qualifier, Quantity, Reading, value_text

#: The quantities told by their span alone, after the dead.
SPANNED = (Quantity.INJURED, Quantity.DETAINED, Quantity.MISSING)

#: From the weakest to the strongest claim about a top value.
_STRENGTH = (
    Qualifier.EXACT,
    Qualifier.RANGE,
    Qualifier.ABOUT,
    Qualifier.AT_LEAST,
    Qualifier.MORE_THAN,
)


@dataclass(frozen=True)
class Span:
    label: str
    text: str
    anchor: str
    count: int


def span_text(figures):
    """ "48–50", "841", "more than 200": from the lowest to the highest figure."""
    low = min(figure.value_low for figure in figures)
    high = max(figure.value_high or figure.value_low for figure in figures)
    if low != high:
        return value_text(Qualifier.RANGE, low, high)
    qualifiers = [
        figure.qualifier for figure in figures if (figure.value_high or figure.value_low) == high
    ]
    qualifier = max(qualifiers, key=_STRENGTH.index)
    return value_text(Qualifier.EXACT if qualifier == Qualifier.RANGE else qualifier, high, None)


def reading_anchor(quantity, reading):
    return f"{quantity}-{reading.replace('_', '-')}"


def toll_summary(figures):
    """(the spans of the dead by reading, the spans of the other quantities)."""
    totals = [figure for figure in figures if not figure.part_of_id]
    killed = []
    for reading in Reading:
        found = [f for f in totals if f.quantity == Quantity.KILLED and f.reading == reading]
        if found:
            killed.append(
                Span(
                    reading.label,
                    span_text(found),
                    reading_anchor(Quantity.KILLED, reading),
                    len(found),
                )
            )
    others = []
    for quantity in SPANNED:
        found = [figure for figure in totals if figure.quantity == quantity]
        if found:
            others.append(Span(quantity.label, span_text(found), quantity.value, len(found)))
    return killed, others
