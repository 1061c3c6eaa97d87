"""The three languages of the memorial: switching between them, and fallbacks.

A translated field that is empty in the active language shows another
language's text (django-modeltranslation's fallback order, in settings). The
page must then say which language that text is in, so screen readers pronounce
it correctly: `shown_language` names it.
"""

import re

from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language
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


def ordinal(number, language=None):
    """36th, 36-cı, 36-я: an anniversary ordinal in the active language."""
    language = (language or get_language() or "en")[:2]
    if language == "ru":
        return f"{number}-я"
    if language == "az":
        return f"{number}-{_az_ordinal_suffix(number)}"
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _az_ordinal_suffix(number):
    """Azerbaijani ordinal suffix by vowel harmony of the number's spoken last word."""
    if number % 10 == 0:
        # 10 on, 20 iyirmi, 30 otuz, 40 qırx, 50 əlli, 60 altmış, 70 yetmiş, 80 səksən, 90 doxsan
        tens = {1: "cu", 2: "ci", 3: "cu", 4: "cı", 5: "ci", 6: "cı", 7: "ci", 8: "ci", 9: "cı"}
        if number % 100 == 0:
            return "cü"
        return tens[(number // 10) % 10]
    # 1 bir, 2 iki, 3 üç, 4 dörd, 5 beş, 6 altı, 7 yeddi, 8 səkkiz, 9 doqquz
    units = {1: "ci", 2: "ci", 3: "cü", 4: "cü", 5: "ci", 6: "cı", 7: "ci", 8: "ci", 9: "cu"}
    return units[number % 10]
