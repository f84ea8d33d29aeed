"""Countries by name, in the visitor's language (CLDR's names, via Babel).

Codes are ISO 3166-1 alpha-2 and are what the database keeps; people only
ever see names ("Germany", "Almaniya", "Германия")."""

from __future__ import annotations

from functools import cache

from babel import Locale
from django.utils.translation import get_language

# CLDR territories that are not countries one ships to.
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "AQ", "BV", "HM", "CP"}
_NOT_COUNTRIES |= {"DG", "EA", "IC", "TA", "AC"}


@cache
def _names(language: str) -> dict[str, str]:
    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (ValueError, TypeError):
        locale = Locale("en")
    return {
        code: name
        for code, name in locale.territories.items()
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    }


COUNTRY_CODES: frozenset[str] = frozenset(_names("en"))


def country_name(code: str, language: str | None = None) -> str:
    """The country's name in `language` (the active one by default); the code
    itself for an unknown code."""
    language = (language or get_language() or "az").split("-")[0]
    return _names(language).get(code) or _names("en").get(code) or code


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    """(code, name) for every country, sorted by name in `language`."""
    return list(_sorted_choices((language or get_language() or "az").split("-")[0]))


@cache
def _sorted_choices(language: str) -> tuple[tuple[str, str], ...]:
    # Every page's header lists them: sorted once per language.
    names = _names(language)
    return tuple(
        sorted(
            ((code, names.get(code) or _names("en")[code]) for code in COUNTRY_CODES),
            key=lambda item: item[1].casefold(),
        )
    )


def country_list(codes, language: str | None = None) -> str:
    """ "Georgia, Germany, Türkiye": names, sorted, comma-separated."""
    return ", ".join(
        sorted((country_name(c, language) for c in codes), key=str.casefold)
    )
