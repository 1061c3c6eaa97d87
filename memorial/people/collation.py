"""Alphabetical order of names in the page's script.

Azerbaijani has its own order (ç after c, ə after e, ğ after g, x after h,
ı before i, q after k, ö after o, ş after s, ü after u) and its own capitals
(i → İ, ı → I); Russian sorts ё with е; English ignores accents.
"""

import unicodedata

ALPHABETS = {
    "az": "abcçdeəfgğhxıijkqlmnoöprsştuüvyz",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "en": "abcdefghijklmnopqrstuvwxyz",
}
#: Letters sorted as another: ё with е in Russian.
_SAME = {"ru": {"ё": "е"}}


def lower(text, language):
    """Lower case as the language writes it: Azerbaijani İ → i and I → ı."""
    if language == "az":
        text = text.replace("İ", "i").replace("I", "ı")
    return text.lower()


def upper(letter, language):
    if language == "az":
        return {"i": "İ", "ı": "I"}.get(letter, letter.upper())
    return letter.upper()


def _plain(char):
    return "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))


def sort_key(text, language):
    """A key ordering texts by the language's alphabet; other characters come after it."""
    alphabet = ALPHABETS.get(language, ALPHABETS["en"])
    same = _SAME.get(language, {})
    key = []
    for char in lower(text, language):
        char = same.get(char, char)
        if char not in alphabet:
            plain = _plain(char)
            char = plain if plain in alphabet else char
        position = alphabet.find(char)
        key.append(position if position >= 0 else len(alphabet) + ord(char))
    return tuple(key)


def initial(text, language):
    """The letter a name is grouped under on the wall."""
    first = lower(text.strip()[:1], language)
    first = _SAME.get(language, {}).get(first, first)
    if language != "az" and first not in ALPHABETS.get(language, ""):
        plain = _plain(first)
        first = plain if plain in ALPHABETS.get(language, ALPHABETS["en"]) else first
    return upper(first, language)
