"""Text analysis shared by indexing and querying, by every backend.

The same folding runs on both sides, so a buyer who types "xalca" finds
"xalça", and a Cyrillic spelling ("халча") finds its Latin transliteration.
On the query side each word also gets:

- a stem (Russian by Snowball before transliteration; Azerbaijani and English
  plural and possessive endings by the light rules below), matched as a
  prefix, so "xalçalar", "carpets" and "ковры" find "xalça", "carpet" and
  "коврик";
- its synonyms from the editable list (search.SynonymGroup), so "rug" finds
  "xalça" and "ковёр";
- one typo allowed when it has five letters or more (`fuzzy`).
"""

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from market.text import to_ascii

_TOKEN = re.compile(r"[a-z0-9]+")
_WORD = re.compile(r"\w+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")

# A typo is forgiven only in words at least this long (folded letters).
FUZZY_MIN_LENGTH = 5
# Words shorter than this are matched as typed (plus prefix), never stemmed.
STEM_MIN_LENGTH = 4

# Azerbaijani plural and possessive endings (folded: ı→i, ə→e), longest first.
_AZERBAIJANI_ENDINGS = ("larin", "lerin", "lari", "leri", "lar", "ler", "si", "su")
_VOWELS = set("aeiou")


def tokens(text: str) -> list[str]:
    """The searchable words of a text: folded, transliterated, ASCII only."""
    return _TOKEN.findall(to_ascii(text))


def normalise(text: str) -> str:
    """The text as the index stores it: tokens joined by single spaces."""
    return " ".join(tokens(text))


@lru_cache(maxsize=1)
def _russian():
    return snowballstemmer.stemmer("russian")


def _latin_stem(word: str) -> str:
    for ending in _AZERBAIJANI_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= STEM_MIN_LENGTH:
            return word[: -len(ending)]
    # Azerbaijani possessive after a consonant: "kilimi" -> "kilim".
    # (Length first: a one-letter "i" or "u" has no letter before it.)
    if (
        len(word) - 1 >= STEM_MIN_LENGTH
        and word[-1] in "iu"
        and word[-2] not in _VOWELS
    ):
        return word[:-1]
    # English plurals.
    # "stories" -> "stor", a prefix of both "story" and "stories".
    if word.endswith("ies") and len(word) > STEM_MIN_LENGTH:
        return word[:-3]
    if word.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    # Not on four-letter words: Azerbaijani "kurs" and "ders" are singular.
    if (
        len(word) > STEM_MIN_LENGTH
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is"))
    ):
        return word[:-1]
    return word


def stemmed_tokens(word: str) -> list[tuple[str, str]]:
    """(folded token, stem) for each token of one word as typed. A stem
    shorter than STEM_MIN_LENGTH would match too much as a prefix: the token
    itself stands instead."""
    lowered = word.casefold()
    folded = tokens(lowered)
    if _CYRILLIC.search(lowered):
        # Russian is stemmed before transliteration; a word that folds into
        # a different number of tokens keeps its tokens.
        stems = tokens(_russian().stemWord(lowered))
        if len(stems) != len(folded):
            stems = folded
    else:
        stems = [_latin_stem(token) for token in folded]
    return [
        (token, stem if len(stem) >= STEM_MIN_LENGTH else token)
        for token, stem in zip(folded, stems, strict=True)
    ]


@dataclass(frozen=True)
class QueryWord:
    """One word of a buyer's query, ready for any backend.

    - `text`: the folded word as typed ("xalcalar");
    - `stem`: its stem, matched as a prefix ("xalca");
    - `synonyms`: stems of the other terms of its synonym groups, matched as
      prefixes too;
    - `exact`: other forms matched as whole words only (the singular of a
      short English plural: "rugs" -> "rug");
    - `fuzzy`: whether one typo (one edit) is forgiven.
    """

    text: str
    stem: str
    synonyms: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()

    @property
    def fuzzy(self) -> bool:
        return len(self.text) >= FUZZY_MIN_LENGTH


def analyse(text: str, synonyms: dict[str, tuple[str, ...]] | None = None):
    """The words of a query, each with its stem and synonyms.

    `synonyms` maps a stem to the stems of its synonyms (see
    `synonym_map`); None means no synonym list.
    """
    words: list[QueryWord] = []
    seen = set()
    for raw in _WORD.findall(text):
        for token, word_stem in stemmed_tokens(raw):
            exact = ()
            if (
                len(token) == STEM_MIN_LENGTH
                and token.endswith("s")
                and not token.endswith(("ss", "us", "is"))
            ):
                exact = (token[:-1],)
            if (token, word_stem) in seen:
                continue
            seen.add((token, word_stem))
            related = ()
            if synonyms:
                related = synonyms.get(word_stem) or synonyms.get(token) or ()
                for form in exact:
                    related = related or synonyms.get(form, ())
                related = tuple(term for term in related if term != word_stem)
            words.append(
                QueryWord(text=token, stem=word_stem, synonyms=related, exact=exact)
            )
    return words


def synonym_map(groups: list[list[str]]) -> dict[str, tuple[str, ...]]:
    """Stem -> stems of every term in the same group(s), from term lists."""
    mapping: dict[str, set[str]] = {}
    for group in groups:
        stems = set()
        for term in group:
            for token, term_stem in stemmed_tokens(term):
                stems.update((token, term_stem))
        for one in stems:
            mapping.setdefault(one, set()).update(stems)
    return {key: tuple(sorted(value)) for key, value in mapping.items()}


def one_edit_variants(word: str) -> set[str]:
    """Every ASCII word one edit away from `word` (delete, swap, replace,
    insert), the candidates a typo may stand for."""
    letters = "abcdefghijklmnopqrstuvwxyz0123456789"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {left + right[1:] for left, right in splits if right}
    swaps = {
        left + right[1] + right[0] + right[2:]
        for left, right in splits
        if len(right) > 1
    }
    replaces = {
        left + letter + right[1:]
        for left, right in splits
        if right
        for letter in letters
    }
    inserts = {left + letter + right for left, right in splits for letter in letters}
    return (deletes | swaps | replaces | inserts) - {word}
