"""The editable synonym list, read by every search."""

from django.db.models import Count, Max

from .models import SynonymGroup
from .normalise import QueryWord, analyse, synonym_map

_built: dict[str, object] = {}


def current_synonyms() -> dict[str, tuple[str, ...]]:
    """Stem -> stems of its synonyms, from the list staff edit.

    Each search asks the table for its state (one small aggregate) and
    re-reads and re-stems the list only when it changed, so an edit applies
    at once, in every process.
    """
    state = SynonymGroup.objects.aggregate(
        count=Count("pk"), latest=Max("updated_at"), last=Max("pk")
    )
    key = (state["count"], state["latest"], state["last"])
    if _built.get("key") != key:
        groups = [group.term_list() for group in SynonymGroup.objects.all()]
        _built.update(key=key, map=synonym_map(groups))
    return _built["map"]


def query_words(text: str) -> list[QueryWord]:
    """The buyer's words, analysed, with the current synonyms."""
    if not text.strip():
        return []
    return analyse(text, current_synonyms())
