"""Text normalisation shared by indexing and querying.

The same folding runs on both sides, so a buyer who types "xalca" finds
"xalça", and a Cyrillic spelling finds its Latin transliteration.
"""

import re

from market.text import to_ascii

_TOKEN = re.compile(r"[a-z0-9]+")


def tokens(text: str) -> list[str]:
    """The searchable words of a text: folded, transliterated, ASCII only."""
    return _TOKEN.findall(to_ascii(text))


def normalise(text: str) -> str:
    """The text as the index stores it: tokens joined by single spaces."""
    return " ".join(tokens(text))
