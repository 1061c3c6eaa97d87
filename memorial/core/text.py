"""One search key for text in Azerbaijani, English and Russian, in any script.

Names reach the memorial in three scripts and in many spellings: Məmmədov,
Mammadov, Mamedov, Мамедов; Şəhidlər, Sehidler, Shahidlar, Шехидов. The key
folds every spelling onto one rough phonetic form, so that the same function,
applied to stored text and to a query, makes them meet:

* lower case, accents and dots removed;
* Cyrillic (Russian and Azerbaijani) written in Latin letters;
* the letters and digraphs that differ between the spellings merged:
  ə/a/e → a, ı/i/y → i, ö/o → o, ü/u → u, ş/sh → s, ç/ch/c/j/dj → c,
  x/kh → h, q → k, ğ → g, w → v;
  then doubled letters (not digits) written once (Məmmədov → mamadov);
* everything that is not a letter or a digit becomes a single space.

The key is coarse on purpose: it is for finding, never for display.
"""

import re
import unicodedata
from html import unescape

from django.utils.html import strip_tags

_CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "o",
    "ж": "j",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "h",
    "ц": "ts",
    "ч": "c",
    "ш": "s",
    "щ": "s",
    "ъ": "",
    "ы": "i",
    "ь": "",
    "э": "e",
    "ю": "u",
    "я": "a",
    # Azerbaijani Cyrillic
    "ә": "e",
    "ғ": "g",
    "ҹ": "c",
    "һ": "h",
    "ө": "o",
    "ү": "u",
    "ј": "i",
    "ҝ": "g",
}

# Letters that accent stripping alone would not fold.
_LATIN = {"ə": "a", "ı": "i", "ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "đ": "d", "ł": "l"}

_TABLE = str.maketrans({**_CYRILLIC, **_LATIN})

# Order matters: longer spellings first.
_DIGRAPHS = [
    ("dzh", "c"),
    ("dj", "c"),
    ("sh", "s"),
    ("ch", "c"),
    ("kh", "h"),
    ("zh", "c"),
]
_LETTERS = str.maketrans({"e": "a", "y": "i", "j": "c", "x": "h", "q": "k", "w": "v"})
_NOT_WORD = re.compile(r"[\W_]+")
_DOUBLED = re.compile(r"([^\W\d_])\1+")


def search_key(*texts):
    """The search key of some texts, joined by spaces; the same function folds queries."""
    text = " ".join(str(text) for text in texts if text)
    text = unicodedata.normalize("NFKC", text).casefold().translate(_TABLE)
    text = "".join(
        char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
    )
    text = _NOT_WORD.sub(" ", text)
    for spelling, letter in _DIGRAPHS:
        text = text.replace(spelling, letter)
    text = text.translate(_LETTERS)
    return _DOUBLED.sub(r"\1", text).strip()


def html_text(html):
    """The words of rich-text HTML: tags dropped, entities decoded."""
    return unescape(strip_tags(html or ""))


def searchable_texts(instance, names):
    """The values of the named fields, a translated field in every language, as plain text.

    Works on historical models in migrations too, which know nothing of
    modeltranslation but have the `<field>_<language>` columns.
    """
    from django.conf import settings

    texts = []
    for name in names:
        columns = [
            f"{name}_{code}"
            for code in settings.MODELTRANSLATION_LANGUAGES
            if hasattr(instance, f"{name}_{code}")
        ] or [name]
        texts.extend(html_text(str(getattr(instance, column) or "")) for column in columns)
    return texts
