"""Text normalisation shared by indexing and querying.

Folding happens identically on both sides, so a buyer who types "xalca" finds
"xalça", and "Ковёр" matches "ковер". Cyrillic is also transliterated to
Latin so a Cyrillic spelling of an Azerbaijani word finds its Latin original.
"""

import re
import unicodedata

# Azerbaijani letters that NFKD does not fold to ASCII on its own.
_LATIN_FOLD = str.maketrans({"ə": "e", "ı": "i", "ğ": "g", "ş": "s", "ç": "c"})

_CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e",
    "ё": "yo", "ж": "j", "з": "z", "и": "i", "й": "y", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ү": "u", "ф": "f", "х": "x", "һ": "h", "ц": "ts", "ч": "c",
    "ҹ": "c", "ш": "s", "щ": "sc", "ъ": "", "ы": "i", "ь": "", "э": "e",
    "ә": "e", "ө": "o", "ю": "yu", "я": "ya", "ҝ": "g", "ј": "y",
}  # fmt: skip

_TOKEN = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case, fold Azerbaijani letters and accents, keep Cyrillic."""
    text = text.casefold().translate(_LATIN_FOLD)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def transliterate(text: str) -> str:
    """Cyrillic to Latin, after folding (so "й" and "ё" are folded first)."""
    return "".join(_CYRILLIC_TO_LATIN.get(ch, ch) for ch in text)


def tokens(text: str) -> list[str]:
    """The searchable words of a text: folded, transliterated, ASCII only."""
    # Fold before NFKD strips the breve of "й" and the diaeresis of "ё".
    lowered = text.casefold()
    latin = transliterate(lowered)
    return _TOKEN.findall(fold(latin))


def normalise(text: str) -> str:
    """The text as the index stores it: tokens joined by single spaces."""
    return " ".join(tokens(text))
