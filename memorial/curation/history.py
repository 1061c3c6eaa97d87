"""A history a curator can read: what changed in a long text, word by word."""

import difflib
import re

from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from simple_history.template_utils import HistoricalRecordContextHelper

#: A value longer than this is shown as the words that changed, in their context.
LONG_TEXT = 80
#: Unchanged words kept on each side of a change.
CONTEXT_WORDS = 6
_WORDS = re.compile(r"\S+|\s+")


def _text(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def _kept(words, first, last):
    """Unchanged words: in full when few, else the start and end around an ellipsis."""
    text = "".join(words)
    solid = [w for w in words if not w.isspace()]
    if len(solid) <= 2 * CONTEXT_WORDS:
        return conditional_escape(text)
    head = "" if first else "".join(_take(words, CONTEXT_WORDS)).rstrip() + " "
    tail = "" if last else " " + "".join(_take(words[::-1], CONTEXT_WORDS)[::-1]).lstrip()
    return format_html("{}…{}", head, tail)


def _take(words, count):
    taken, solid = [], 0
    for word in words:
        if not word.isspace():
            if solid == count:
                break
            solid += 1
        taken.append(word)
    return taken


def word_diff(old, new):
    """The new text with the words taken out in <del> and those put in in <ins>; long
    stretches that did not change are shortened to their first and last words."""
    old_words, new_words = _WORDS.findall(old), _WORDS.findall(new)
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    opcodes = matcher.get_opcodes()
    parts = []
    for n, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            parts.append(_kept(old_words[i1:i2], n == 0, n == len(opcodes) - 1))
            continue
        if i2 > i1:
            parts.append(format_html("<del>{}</del>", "".join(old_words[i1:i2])))
        if j2 > j1:
            parts.append(format_html("<ins>{}</ins>", "".join(new_words[j1:j2])))
    return format_html_join("", "{}", ((part,) for part in parts))


class ReadableChangeHelper(HistoricalRecordContextHelper):
    """Each change as its field, its old and new values, and for a long text the words
    that changed (`diff`); an empty value is a dash, never "None"."""

    def context_for_delta_changes(self, delta):
        changes = []
        for change in delta.changes:
            formatted = self.format_delta_change(change)
            old = _text(self.prepare_delta_change_value(change, change.old))
            new = _text(self.prepare_delta_change_value(change, change.new))
            entry = {
                "field": formatted.field,
                "old": conditional_escape(old) if old else mark_safe("—"),
                "new": conditional_escape(new) if new else mark_safe("—"),
            }
            if max(len(old), len(new)) > LONG_TEXT and old and new:
                entry["diff"] = word_diff(old, new)
            changes.append(entry)
        return changes
