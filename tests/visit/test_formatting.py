"""Dates and numbers written once, cleanly, in every language, on the real content."""

import re

import pytest
from django.urls import reverse
from django.utils.translation import override

from memorial.events.models import Event
from memorial.figures.models import Figure, Qualifier, value_text

LANGUAGES = ("az", "en", "ru")
NBSP = "\N{NO-BREAK SPACE}"


def test_grouped_digits_and_a_qualifier_are_joined_by_no_break_spaces():
    """ "около 26 000" never splits: not between the digits, not after the qualifier."""
    with override("ru"):
        assert value_text(Qualifier.ABOUT, 26000, None) == f"около{NBSP}26{NBSP}000"
    with override("az"):
        assert value_text(Qualifier.EXACT, 2000000, None) == f"2{NBSP}000{NBSP}000"
    with override("en"):
        assert value_text(Qualifier.AT_LEAST, 26000, None) == f"at least{NBSP}26{NBSP}000"
        assert value_text(Qualifier.RANGE, 1000, 1500) == f"1{NBSP}000–1{NBSP}500"


def test_the_timeline_writes_no_date_twice_nor_brackets_in_brackets(real_content):
    """With the real fixtures, no event's date repeats its range or nests brackets."""
    for language in LANGUAGES:
        with override(language):
            for event in Event.objects.published():
                when = event.when
                assert when.count("(") <= 1 and when.count(")") <= 1, when
                assert "1986 – 18" not in when, when


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_of_the_toll_splits_a_number(real_content, client, language):
    """Every figure's value on the toll is written with no-break spaces only."""
    with override(language):
        html = client.get(reverse("figures:list")).content.decode()
        for figure in Figure.objects.published().filter(value_low__gte=1000):
            assert figure.value_display in html
            value = figure.value_display
            # No ordinary space between digits, or between a word and the number.
            assert not re.search(r"\d \d|\w \d|\d \w", value), value
