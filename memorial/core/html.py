"""Rich text sanitised on the way in: whatever a curator pastes, only safe formatting is stored.

Before the sanitiser sees a text, a linear scan bounds its work: the HTML
parser's cost grows with the square of the nesting, and 100,000 nested
blocks took it half a minute.
"""

import re

import nh3
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "cite",
    "code",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "q",
    "s",
    "small",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "*": {"lang"},
}


#: A rich text longer than this (in characters) is refused: 40,000 words of formatted text.
MAX_HTML_LENGTH = 300_000
#: Elements open inside one another; real text needs a dozen at most.
MAX_HTML_DEPTH = 100

# Elements that never hold others.
_VOID = frozenset(
    [
        "area",
        "base",
        "basefont",
        "bgsound",
        "br",
        "col",
        "embed",
        "frame",
        "hr",
        "img",
        "input",
        "keygen",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
# An end tag closes these on its way to its own element, as the HTML parser does.
_IMPLIED_END = frozenset(
    [
        "caption",
        "colgroup",
        "dd",
        "dt",
        "li",
        "optgroup",
        "option",
        "p",
        "rb",
        "rp",
        "rt",
        "rtc",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
    ]
)
# A start tag closes an open element of its own group first (a new paragraph, item, cell).
_SIBLINGS = {
    name: group
    for group in (
        frozenset({"p"}),
        frozenset({"li"}),
        frozenset({"dd", "dt"}),
        frozenset({"option"}),
        frozenset({"tr"}),
        frozenset({"td", "th"}),
        frozenset({"rb", "rp", "rt", "rtc"}),
    )
    for name in group
}
_SPACE = frozenset(" \t\n\f\r")
# A comment's start, or a tag's name and its attributes up to a quote or the end of the tag.
_MARKUP = re.compile(r"<(?:(!--)|(/?)([a-z][^\t\n\f\r />]*)[^\"'>]*)")
_RUNS = {
    "name": re.compile(r"[^\t\n\f\r /=>]*"),
    "unquoted": re.compile(r"[^\t\n\f\r >]*"),
}


def html_depth(value, limit=MAX_HTML_DEPTH):
    """How deep the elements of `value` nest, in one pass; counting stops just over `limit`.

    Tags are read as the HTML parser reads them (quoted attribute values may
    hold `<` and `>`; `/>` closes nothing), and where the two could differ
    the count errs on the deep side: an end tag that would close more than
    implied elements on its way (`<b><i></b>`) closes nothing here, and text
    inside `<script>` or after a stray quote is still read for tags.
    """
    text = value.lower()
    stack = []
    deepest = 0
    position = 0
    while position is not None:
        resume, position = position, None
        for match in _MARKUP.finditer(text, resume):
            comment, closing, name = match.groups()
            if comment:
                position = _comment_end(text, match.end())
                break
            if closing:
                _close(stack, name)
            elif name not in _VOID:
                if stack and stack[-1] in _SIBLINGS.get(name, ()):
                    stack.pop()
                stack.append(name)
                if len(stack) > deepest:
                    deepest = len(stack)
                    if deepest > limit:
                        return deepest
            if text.startswith(("'", '"'), match.end()):
                position = _tag_end(text, match.end())
                break
    return deepest


def _comment_end(text, position):
    """Where a comment whose text starts at `position` ends: the first way it can end."""
    if text.startswith(">", position) or text.startswith("->", position):
        return position
    ends = [found for end in ("-->", "--!>") if (found := text.find(end, position)) != -1]
    return min(ends, default=len(text))


def _tag_end(text, position):
    """Where a tag ends whose attributes start at `position`, read as the HTML tokenizer does.

    Quotes count only around a value (after `=`). An unclosed quote ends
    nothing here: what follows it is still read for tags.
    """
    state = "before name"
    while position < len(text):
        char = text[position]
        if char == ">":
            return position
        if state == "value":
            if char in "\"'":
                end = text.find(char, position + 1)
                if end == -1:
                    return position + 1
                position, state = end + 1, "before name"
                continue
            if char not in _SPACE:
                state = "unquoted"
        elif char == "=" and state in ("name", "after name"):
            state = "value"
        elif char in _SPACE:
            state = {"name": "after name", "unquoted": "before name"}.get(state, state)
        elif char == "/" and state != "unquoted":
            state = "before name"
        elif state != "unquoted":
            state = "name"
        position += 1
        if state in _RUNS:
            position = _RUNS[state].match(text, position).end()
    return len(text)


def _close(stack, name):
    """Close `name` if only elements with implied ends stand above it; else close nothing."""
    for index in range(len(stack) - 1, -1, -1):
        if stack[index] == name:
            del stack[index:]
            return
        if stack[index] not in _IMPLIED_END:
            return


def check_html_bounds(value):
    """Refuse a rich text too long or too deeply nested to sanitise in well under a second."""
    if not value:
        return
    if len(value) > MAX_HTML_LENGTH:
        raise ValidationError(
            _("This text is too long: at most %(limit)s characters (it has %(length)s)."),
            code="html_too_long",
            params={"limit": MAX_HTML_LENGTH, "length": len(value)},
        )
    if html_depth(value) > MAX_HTML_DEPTH:
        raise ValidationError(
            _(
                "The formatting is nested too deeply: at most %(limit)s elements inside "
                "one another. Remove the extra levels."
            ),
            code="html_too_deep",
            params={"limit": MAX_HTML_DEPTH},
        )


class SanitizedHTML(str):
    """Text `sanitize_html` returned: cleaning it again would change nothing."""

    __slots__ = ()


def sanitize_html(value):
    """Keep ordinary formatting, links and lists; drop scripts, handlers, styles, frames.

    Text over the bounds of `check_html_bounds` raises its ValidationError.
    """
    if isinstance(value, SanitizedHTML):
        return value
    if not value:
        return SanitizedHTML()
    check_html_bounds(value)
    return SanitizedHTML(
        nh3.clean(
            value.replace("\x00", ""),
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener noreferrer",
            strip_comments=True,
        ).strip()
    )
