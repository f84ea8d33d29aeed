"""Folding and transliteration of Azerbaijani and Russian text.

Shared by search normalisation and URL slugs, so that "Quba xalçası" and
"Кубинский ковёр" both become plain ASCII the same way everywhere.
"""

import unicodedata

from django.utils.text import slugify as django_slugify

# Azerbaijani letters that NFKD does not fold to ASCII on its own.
_LATIN_FOLD = str.maketrans({"ə": "e", "ı": "i", "ğ": "g", "ş": "s", "ç": "c"})

# "ё" becomes "e", not "yo": Russian writers often type "е" for it, and the
# Russian stemmer folds it the same way.
_CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e",
    "ё": "e", "ж": "j", "з": "z", "и": "i", "й": "y", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ү": "u", "ф": "f", "х": "x", "һ": "h", "ц": "ts", "ч": "c",
    "ҹ": "c", "ш": "s", "щ": "sc", "ъ": "", "ы": "i", "ь": "", "э": "e",
    "ә": "e", "ө": "o", "ю": "yu", "я": "ya", "ҝ": "g", "ј": "y",
}  # fmt: skip


def fold(text: str) -> str:
    """Lower-case; fold Azerbaijani letters and accents (ə→e, ş→s, é→e)."""
    text = text.casefold().translate(_LATIN_FOLD)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def transliterate(text: str) -> str:
    """Cyrillic to Latin, letter by letter (expects lower-case text)."""
    return "".join(_CYRILLIC_TO_LATIN.get(ch, ch) for ch in text)


def to_ascii(text: str) -> str:
    """Lower-case ASCII spelling of any Azerbaijani, Russian or English text."""
    # Transliterate before folding: NFKD would strip the breve of "й".
    return fold(transliterate(text.casefold()))


def slugify(value: str, allow_unicode: bool = False) -> str:
    """Oscar's OSCAR_SLUG_FUNCTION: readable ASCII slugs ("quba-xalcasi")."""
    if allow_unicode:
        return django_slugify(value, allow_unicode=True)
    return django_slugify(to_ascii(value))
