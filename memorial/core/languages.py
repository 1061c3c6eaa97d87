"""The three languages of the memorial: switching between them, and fallbacks.

A translated field that is empty in the active language shows another
language's text (django-modeltranslation's fallback order, in settings). The
page must then say which language that text is in, so screen readers pronounce
it correctly: `shown_language` names it.
"""

import re

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info, override
from modeltranslation.utils import build_localized_fieldname, resolution_order


def active_language():
    return (get_language() or settings.LANGUAGE_CODE)[:2]


def shown_language(obj, field):
    """The language code of the text `obj.<field>` shows, or "" when it is the active one.

    The text is django-modeltranslation's, with its fallback; this names the
    language whose column holds it, trying the languages in the field's own
    fallback order. Also "" when no language has any text (the template then
    shows nothing).
    """
    shown = getattr(obj, field, None)
    if shown in (None, ""):
        return ""
    active = active_language()
    descriptor = getattr(type(obj), field, None)
    for code in resolution_order(active, getattr(descriptor, "fallback_languages", None)):
        if getattr(obj, build_localized_fieldname(field, code), None) == shown:
            return "" if code == active else code
    return ""


def lang_attribute(obj, field):
    """` lang="en"` when `obj.<field>` shows another language's text than the page's, else ""."""
    return lang_attribute_of(shown_language(obj, field))


def lang_attribute_of(code):
    """` lang="<code>"`, or "" for no code."""
    return format_html(' lang="{}"', code) if code else ""


def written_lang_attribute(code):
    """` lang="ru"` for text written in the language `code` (a record's own language,
    such as a source's title) when it is not the page's, else ""."""
    code = (code or "").strip().lower()
    if not re.fullmatch(r"[a-z]{2,3}", code) or code == active_language():
        return ""
    return lang_attribute_of(code)


# Azerbaijani suffixes follow the vowels of the number's last spoken word:
# 6 altı, 9 doqquz; 10 on, 30 otuz, 40 qırx, 60 altmış, 90 doxsan; a million milyon.
_AZ_BACK_UNITS = {6, 9}
_AZ_BACK_TENS = {1, 3, 4, 6, 9}


def az_ablative_suffix(number):
    """The Azerbaijani ablative suffix of a number: 130-dan, 131-dən."""
    number = int(number)
    if number % 10:
        back = number % 10 in _AZ_BACK_UNITS
    elif number % 100:
        back = (number // 10) % 10 in _AZ_BACK_TENS
    elif number % 1_000_000 or not number:
        back = False  # yüz, min, sıfır
    else:
        back = True  # milyon
    return "dan" if back else "dən"


def languages(active=None):
    """[(code, the language's own name, is_active)] in the order of settings.LANGUAGES."""
    active = (active or active_language())[:2]
    return [
        (code, get_language_info(code)["name_local"], code == active)
        for code, _name in settings.LANGUAGES
    ]


def reverse_in(language, viewname, args=(), kwargs=None):
    """The address of `viewname` in `language`."""
    with override(language):
        return reverse(viewname, args=args, kwargs=kwargs)


def alternates(request, path):
    """This page in every language: [(code, own name, url, is_active)], or [].

    `path` is the page's own address with its meaningful query. The same
    object, list or search in another language is the matched view reversed
    under that language with the same arguments, so slugs and query strings
    stay as they are. A request that matched no page, or a page outside the
    language prefixes, has no alternates. The answer is kept on the request:
    the head and the switcher both ask.
    """
    cached = getattr(request, "_memorial_alternates", None)
    if cached is not None and cached[0] == path:
        return cached[1]
    match = getattr(request, "resolver_match", None)
    result = []
    if match is not None and match.url_name:
        query = path.partition("?")[2]
        suffix = f"?{query}" if query else ""
        try:
            result = [
                (
                    code,
                    name,
                    reverse_in(code, match.view_name, match.args, match.kwargs) + suffix,
                    active,
                )
                for code, name, active in languages()
            ]
        except NoReverseMatch:
            result = []
        # An address outside the language prefixes is the same in every language.
        if len({url for _code, _name, url, _active in result}) < len(result):
            result = []
    request._memorial_alternates = (path, result)
    return result
