"""What the index holds: its analysis, its strict mappings, and the JSON
source of one search document.

Every text field has a `folded` subfield analysed the way search/normalise.py
folds (Cyrillic transliterated with market/text.py's table, lower-cased,
accents and Azerbaijani letters folded), plus a language analyser on the
field itself:

- `az`: the folding, then Azerbaijani plural and possessive endings stripped
  (normalise._latin_stem's Azerbaijani rules, as one pattern_replace);
- `en`: lower-case, ASCII folding, possessive 's, and the minimal English
  stemmer (plurals only);
- `ru`: lower-case and the light Russian stemmer, on the Cyrillic text (its
  `folded` subfield holds the Latin spelling).
"""

from datetime import UTC, datetime

from django.utils import timezone

from market.text import _CYRILLIC_TO_LATIN

from ...documents import LANGUAGES
from ..base import TERM_FACETS, price_cents

# Letters mapped before tokenising besides Cyrillic: asciifolding would turn
# the schwa into "a", market/text.py turns it into "e". (It folds ı, ğ, ş, ç,
# ö, ü as market/text.py does.)
LATIN_BEFORE_FOLDING = {"ə": "e", "Ə": "e"}

# normalise._latin_stem's Azerbaijani rules on one folded token: strip the
# longest ending that leaves four letters, else a possessive -i/-u after a
# consonant that leaves four. The stem is group 1; the ending is only looked
# ahead at, so the replacement never refers to a group that did not match.
AZERBAIJANI_ENDINGS = (
    "^(.{4,}?(?=(?:larin|lerin|lari|leri|lar|ler|si|su)$)|.{3,}[^aeiou](?=[iu]$)).+$"
)


def transliteration_mappings() -> list[str]:
    """market/text.py's Cyrillic table as `mapping` char_filter rules, for
    lower and upper case, plus the Azerbaijani schwa."""
    rules = []
    for cyrillic, latin in _CYRILLIC_TO_LATIN.items():
        rules.append(f"{cyrillic} => {latin}")
        if cyrillic.upper() != cyrillic:
            rules.append(f"{cyrillic.upper()} => {latin}")
    rules.extend(
        f"{letter} => {latin}" for letter, latin in LATIN_BEFORE_FOLDING.items()
    )
    return rules


def _text_field(analyzer: str) -> dict:
    return {
        "type": "text",
        "analyzer": analyzer,
        "fields": {"folded": {"type": "text", "analyzer": "folded"}},
    }


def _languages() -> dict:
    return {"properties": {language: _text_field(language) for language in LANGUAGES}}


def index_settings() -> dict:
    """The body that creates an index: analysis and strict mappings."""
    folding = ["lowercase", "asciifolding"]
    return {
        "settings": {
            # One shard: a small catalogue, and scores that do not depend on
            # the shard a product landed in.
            "number_of_shards": 1,
            "analysis": {
                "char_filter": {
                    "to_latin": {
                        "type": "mapping",
                        "mappings": transliteration_mappings(),
                    }
                },
                "filter": {
                    "azerbaijani_endings": {
                        "type": "pattern_replace",
                        "pattern": AZERBAIJANI_ENDINGS,
                        "replacement": "$1",
                    },
                    "english_possessive": {
                        "type": "stemmer",
                        "language": "possessive_english",
                    },
                    "english_plural": {
                        "type": "stemmer",
                        "language": "minimal_english",
                    },
                    "russian_light": {"type": "stemmer", "language": "light_russian"},
                },
                "analyzer": {
                    "folded": {
                        "type": "custom",
                        "char_filter": ["to_latin"],
                        "tokenizer": "standard",
                        "filter": folding,
                    },
                    "az": {
                        "type": "custom",
                        "char_filter": ["to_latin"],
                        "tokenizer": "standard",
                        "filter": [*folding, "azerbaijani_endings"],
                    },
                    "en": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": [*folding, "english_possessive", "english_plural"],
                    },
                    "ru": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["lowercase", "russian_light"],
                    },
                },
            },
        },
        "mappings": {
            "dynamic": "strict",
            "properties": {
                # A number to break ties in sorts (sorting on _id is disabled).
                "id": {"type": "long"},
                "title": _languages(),
                "description": _languages(),
                "keywords": {"type": "text", "analyzer": "folded"},
                "suggest": {"type": "search_as_you_type", "analyzer": "folded"},
                **{facet.value: {"type": "keyword"} for facet in TERM_FACETS},
                "price_cents": {"type": "long"},
                "date_created": {"type": "date"},
                "title_sort": {"type": "keyword"},
            },
        },
    }


def _date(value: datetime) -> str:
    # A `date` keeps milliseconds; say so rather than let the cluster cut.
    if timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return value.astimezone(UTC).isoformat(timespec="milliseconds")


def document_source(document: dict) -> dict:
    """The indexed JSON of one search document (search/documents.py)."""
    titles = {language: document["title"].get(language, "") for language in LANGUAGES}
    return {
        "id": document["id"],
        "title": titles,
        "description": {
            language: document["description"].get(language, "")
            for language in LANGUAGES
        },
        "keywords": document["keywords"],
        # Every language's title, once each, for as-you-type.
        "suggest": list(dict.fromkeys(title for title in titles.values() if title)),
        **{facet.value: list(document[facet.value]) for facet in TERM_FACETS},
        "price_cents": price_cents(document["price"]),
        "date_created": _date(document["date_created"]),
        "title_sort": document["title_sort"],
    }
