"""The editable synonym list, read by every search."""

from .models import SynonymGroup
from .normalise import QueryWord, analyse, synonym_map


def current_synonyms() -> dict[str, tuple[str, ...]]:
    """Stem -> stems of its synonyms, from the list staff edit.

    Read at each search (the table is a few dozen rows), so an edit applies
    at once and no cache can go stale between tests or processes.
    """
    groups = [group.term_list() for group in SynonymGroup.objects.all()]
    return synonym_map(groups)


def query_words(text: str) -> list[QueryWord]:
    """The buyer's words, analysed, with the current synonyms."""
    if not text.strip():
        return []
    return analyse(text, current_synonyms())
