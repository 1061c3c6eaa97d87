import pytest

from memorial.core.text import search_key


@pytest.mark.parametrize(
    "spellings",
    [
        ("Şəhidlər", "Sehidler", "Shahidlar", "ŞƏHİDLƏR"),
        ("Mammadov", "Məmmədov", "Мамедов", "MAMEDOV"),
        ("Xocalı", "Khojaly", "Ходжалы"),
        ("Əliyev", "Aliyev", "Алиев"),
    ],
)
def test_spellings_in_three_scripts_share_one_key(spellings):
    """Azerbaijani, English and Russian spellings of a name fold to the same key."""
    keys = {search_key(spelling) for spelling in spellings}
    assert len(keys) == 1, keys


def test_russian_inflection_keeps_the_stem():
    """ "Шехидов" (genitive plural) folds to a key sharing its stem with "Şəhidlər"."""
    assert search_key("Шехидов")[:5] == search_key("Şəhidlər")[:5]


@pytest.mark.parametrize("text", ["%", "_", "\\", "'\"", "a%b_c\\d", "«»—…", "   "])
def test_the_key_holds_only_letters_digits_and_single_spaces(text):
    """Wildcards, quotes and backslashes never reach a LIKE pattern."""
    key = search_key(text)
    assert all(char.isalnum() or char == " " for char in key)
    assert "  " not in key and key == key.strip()


def test_several_texts_are_joined_and_empty_ones_skipped():
    """search_key("Baku", None, "", "1990") reads "baku 1990"."""
    assert search_key("Baku", None, "", "1990") == "baku 1990"
