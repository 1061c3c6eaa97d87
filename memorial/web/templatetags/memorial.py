import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from memorial.core import registry
from memorial.core.languages import (
    lang_attribute,
    shown_language,
    written_lang_attribute,
)
from memorial.core.languages import (
    ordinal as ordinal_in_language,
)
from memorial.web.alternates import alternates, languages, reverse_in
from memorial.web.cache import content_version as current_content_version
from memorial.web.cache import content_version_of
from memorial.web.citations import STYLES, cite, page_record

register = template.Library()

# The same escapes as Django's json_script: nothing in the data can close the
# script element or open a comment. Replaced one by one: str.translate walks a
# text of any script character by character, several times slower.
_JSON_ESCAPES = ((">", "\\u003E"), ("<", "\\u003C"), ("&", "\\u0026"))

#: Query parameters that make a different page; everything else is noise for
#: the canonical address.
CANONICAL_PARAMETERS = ("kind", "q", "type", "page")


@register.simple_tag
def jsonld(data):
    """The one place a schema.org block is written (and where a CSP nonce will go)."""
    if not data:
        return ""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    for character, escape in _JSON_ESCAPES:
        text = text.replace(character, escape)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def canonical_path(request):
    """This page's path and meaningful query, without tracking or preview parameters."""
    params = request.GET.copy()
    for key in list(params):
        if (
            key not in CANONICAL_PARAMETERS
            or not params.get(key)
            or params.get(key) == "1"
            and key == "page"
        ):
            del params[key]
    query = params.urlencode()
    return request.path + (f"?{query}" if query else "")


@register.simple_tag(takes_context=True)
def content_version(context):
    """The content version (`memorial.web.cache`), which a curator's change bumps: the
    key of every fragment kept with `{% cache %}` names it, so no fragment outlives a change.
    A page reads it once, however many fragments it keeps."""
    request = context.get("request")
    return current_content_version() if request is None else content_version_of(request)


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's address without tracking or preview parameters."""
    request = context["request"]
    return request.build_absolute_uri(canonical_path(request))


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """This page in every language, for the switcher and the hreflang links.

    Empty when the address names no page (a 404): there is nothing to switch to.
    """
    request = context.get("request")
    if request is None:
        return []
    return alternates(request, canonical_path(request))


@register.simple_tag(takes_context=True)
def language_homes(context):
    """The home page in every language: the switcher of pages without alternates."""
    return [
        (code, name, reverse_in(code, "pages:home"), active)
        for code, name, active in languages(context.get("LANGUAGE_CODE"))
    ]


@register.simple_tag
def main_navigation(section):
    """The main menu: (label, address, is current) for each topic app's registered link."""
    return [
        (link.label, reverse(link.url_name), link.section == section)
        for link in registry.contributions(registry.Navigation)
    ]


@register.simple_tag
def translated(obj, field):
    """`obj.<field>`, inside `<span lang="…">` when it falls back to another language."""
    value = getattr(obj, field, "") or ""
    code = shown_language(obj, field)
    return format_html('<span lang="{}">{}</span>', code, value) if code else value


@register.simple_tag
def lang_attr(obj, field):
    """` lang="en"` when `obj.<field>` shows another language's text than the page's."""
    return lang_attribute(obj, field)


@register.simple_tag
def source_lang(source):
    """` lang="ru"` on a source's title when it is written in another language than the page."""
    return written_lang_attribute(source.language)


@register.simple_tag(takes_context=True)
def absolute(context, url):
    return context["request"].build_absolute_uri(url)


@register.filter
def page_suffix(page_obj):
    """ " · page 2" on every page of a list after the first, so titles stay unique."""
    if getattr(page_obj, "number", 1) == 1:
        return ""
    return " · " + gettext("page %(number)s") % {"number": page_obj.number}


@register.filter
def ordinal(number):
    """36th, 36-cı, 36-я in the active language."""
    return ordinal_in_language(number)


@register.inclusion_tag("includes/cite_this.html", takes_context=True)
def cite_this(context, obj):
    """ "Cite this": the page's permalink and its citation in every style, read today."""
    url = context["request"].build_absolute_uri(obj.get_absolute_url())
    record = page_record(obj, url, timezone.localdate())
    return {
        "permalink": url,
        "accessed": record["accessed"],
        **{style.replace("-", "_"): cite(record, style) for style in STYLES},
    }
