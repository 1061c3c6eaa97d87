"""A password validator for the one guess every attacker of this site makes first."""

from difflib import SequenceMatcher

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from .text import search_key

# Besides the memorial's name in each language: where it stands.
PLACES = ("Baku", "Bakı", "Баку", "Azerbaijan", "Azərbaycan", "Азербайджан")


def _letters(text):
    """`text` folded across scripts and spellings (search_key), letters only."""
    return "".join(character for character in search_key(text) if character.isalpha())


class MemorialNameValidator:
    """Refuse a password that is little more than the memorial's name or place.

    "memorial2026" or "QaraYanvar1990!" pass the length and common-password
    checks, yet they are what an attacker of this site tries first. As
    Django's UserAttributeSimilarityValidator does with the user's own names,
    the password is compared with each name and each of its words, after
    digits and symbols are dropped and every script and spelling is folded
    onto one (Чёрный январь, Qara Yanvar, Bakı, Baku ...).
    """

    def __init__(self, max_similarity=0.7, min_word_length=4):
        self.max_similarity = max_similarity
        self.min_word_length = min_word_length

    def names(self):
        names = []
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                names.append(str(settings.MEMORIAL_SITE_NAME))
        return [*names, *PLACES]

    def words(self):
        words = set()
        for name in self.names():
            words.add(_letters(name))
            words.update(_letters(word) for word in search_key(name).split())
        return {word for word in words if len(word) >= self.min_word_length}

    def validate(self, password, user=None):
        letters = _letters(password)
        if not letters:
            return
        for word in self.words():
            if SequenceMatcher(a=letters, b=word).ratio() >= self.max_similarity:
                raise ValidationError(
                    _(
                        "This password is too close to the memorial’s own name or place, "
                        "the first thing an attacker would try."
                    ),
                    code="password_too_close_to_site_name",
                )

    def get_help_text(self):
        return _("Your password can’t be close to the memorial’s name or place.")
