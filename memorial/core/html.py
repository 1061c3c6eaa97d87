"""Rich text sanitised on the way in: whatever a curator pastes, only safe formatting is stored."""

import nh3

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
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "*": {"lang"},
}


def sanitize_html(value):
    """Keep ordinary formatting, links and lists; drop scripts, handlers, styles, frames."""
    if not value:
        return ""
    return nh3.clean(
        value.replace("\x00", ""),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def sanitize_rich_text(instance, *field_names):
    """Sanitise a rich-text field in place, in every language it is stored in."""
    from django.conf import settings

    languages = getattr(settings, "MODELTRANSLATION_LANGUAGES", ())
    for name in field_names:
        for attname in [name, *(f"{name}_{code}" for code in languages)]:
            if hasattr(instance, attname):
                value = getattr(instance, attname)
                if value:
                    setattr(instance, attname, sanitize_html(value))
