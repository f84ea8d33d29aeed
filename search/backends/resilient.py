"""A backend that answers from a fallback while the primary one is down.

Buyers keep searching when Elasticsearch is down or slow: the database
backend answers, and the page says the results are degraded. After a failure
the primary is skipped for MARKET_SEARCH_RETRY_SECONDS, noted in the shared
cache, so that no request (in any process) waits for the timeout again until
then. Indexing goes to the primary only and lets SearchUnavailable out: the
indexing outbox keeps the work for later (search/indexing.py).
"""

import logging
import time
from collections.abc import Iterable, Sequence
from dataclasses import replace

from django.conf import settings
from django.core.cache import cache

from .base import ProductPage, ProductQuery, Progress, SearchBackend, SearchUnavailable

logger = logging.getLogger(__name__)

PRIMARY_DOWN_KEY = "search:primary-down-until"


class ResilientBackend(SearchBackend):
    """`primary` answers while it can; `fallback` answers when it cannot."""

    def __init__(self, primary: SearchBackend, fallback: SearchBackend):
        self.primary = primary
        self.fallback = fallback

    def primary_down(self) -> bool:
        """Whether a recent failure says to skip the primary for now."""
        until = cache.get(PRIMARY_DOWN_KEY)
        return until is not None and until > time.time()

    def _failed(self, error: SearchUnavailable) -> None:
        seconds = int(getattr(settings, "MARKET_SEARCH_RETRY_SECONDS", 30))
        if seconds > 0:
            cache.set(PRIMARY_DOWN_KEY, time.time() + seconds, timeout=seconds)
        logger.warning(
            "Search backend %s failed (%s; cause: %r); answering from %s "
            "for %s seconds.",
            type(self.primary).__name__,
            error,
            error.__cause__,
            type(self.fallback).__name__,
            seconds,
        )

    def search_products(
        self, query: ProductQuery, *, offset: int, limit: int
    ) -> ProductPage:
        if not self.primary_down():
            try:
                return self.primary.search_products(query, offset=offset, limit=limit)
            except SearchUnavailable as error:
                self._failed(error)
        page = self.fallback.search_products(query, offset=offset, limit=limit)
        return replace(page, degraded=True)

    def suggest(self, text: str, *, limit: int = 8) -> list[int]:
        if not self.primary_down():
            try:
                return self.primary.suggest(text, limit=limit)
            except SearchUnavailable as error:
                self._failed(error)
        return self.fallback.suggest(text, limit=limit)

    def index_documents(
        self, documents: Sequence[dict], removed_ids: Iterable[int]
    ) -> None:
        self.primary.index_documents(documents, removed_ids)

    def rebuild(self, documents: Iterable[dict], *, total: int, progress: Progress):
        return self.primary.rebuild(documents, total=total, progress=progress)
