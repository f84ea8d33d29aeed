"""Keeping every search backend in step with the catalogue.

A change to a product, its stock, its categories or its resident queues the
product in the outbox (search.PendingIndex) inside the same transaction, and
after commit enqueues the `index_pending_products` task: indexing never runs
inside the request's transaction, and with a task worker (production) not in
the request at all. Where tasks run in the process (the immediate task
backend of development, and of a deployment without a worker), the request
indexes after its commit, but a cluster that is down or hangs costs at most
one request its search timeout (MARKET_ELASTICSEARCH_TIMEOUT): after a
failure, requests leave the cluster alone for MARKET_SEARCH_RETRY_SECONDS
and the outbox keeps the changes.

The task indexes into the database backend (always kept: it is the
fallback) and into the configured backend; a product leaves the outbox only
when every backend took it, so updates missed while Elasticsearch was down
are replayed by the next task or by `manage.py search_index_pending`.
"""

import logging
import time
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend

from .backends import indexing_backends
from .backends.base import SearchUnavailable
from .documents import documents_for
from .models import PendingIndex

logger = logging.getLogger(__name__)

BATCH = 200
# Set by `search_rebuild` while it loads a new index: changes made meanwhile
# wait in the outbox and are indexed after the swap, not into the old index.
# (Shared between processes through the cache: Redis in production.)
REBUILDING = "search:rebuilding"


def products_queue(product_ids: Iterable[int]) -> None:
    """Queue these products for indexing, in the caller's transaction."""
    ids = sorted({int(pk) for pk in product_ids if pk is not None})
    if not ids:
        return
    PendingIndex.objects.bulk_create([PendingIndex(product_id=pk) for pk in ids])
    # A save may queue several times (product, stock record, attributes): the
    # first task drains the outbox, the others find it empty (one query).
    transaction.on_commit(_enqueue)


# Set when indexing from a request failed: until then, requests index the
# database backend only (shared through the cache between processes).
REQUEST_INDEXING_PAUSED = "search:request-indexing-paused-until"


def _enqueue() -> None:
    if isinstance(index_pending_products.get_backend(), ImmediateBackend):
        # In this process, after the commit: never let the request fail or
        # wait on a cluster that is down (the outbox keeps the work).
        try:
            pending_index(in_request=True)
        except Exception:  # noqa: BLE001 - indexing must not break a request
            logger.exception("Indexing after the request failed; changes stay queued.")
        return
    index_pending_products.enqueue()


def _request_indexing_paused() -> bool:
    until = cache.get(REQUEST_INDEXING_PAUSED)
    return until is not None and until > time.time()


def _pause_request_indexing() -> None:
    seconds = int(getattr(settings, "MARKET_SEARCH_RETRY_SECONDS", 30))
    if seconds > 0:
        cache.set(REQUEST_INDEXING_PAUSED, time.time() + seconds, timeout=seconds)


def _for_request(backend):
    """A backend as a request may use it: the search timeout, not the long
    indexing one."""
    if hasattr(backend, "index_timeout") and hasattr(backend, "timeout"):
        backend.index_timeout = min(backend.index_timeout, backend.timeout)
    return backend


def pending_index(
    *, limit: int | None = None, in_request: bool = False
) -> tuple[int, int]:
    """Index what the outbox holds; return (products indexed, rows left).

    Stops at the first backend failure: the rest stays queued for the next
    run, nothing is lost. A product queued again while it was being indexed
    keeps its newer row and is indexed again. Each batch is claimed with
    SELECT ... FOR UPDATE SKIP LOCKED, so several workers (on several
    machines) drain the outbox together and never index the same rows.
    `in_request`: indexing runs in
    a web request; other backends than the database are asked with the
    search timeout, and not at all while a recent failure paused them.
    """
    indexed = 0
    if cache.get(REBUILDING):
        return 0, PendingIndex.objects.count()
    backends = indexing_backends()
    if in_request:
        backends = [backends[0], *(_for_request(b) for b in backends[1:])]
    while limit is None or indexed < limit:
        with transaction.atomic():
            # Claim a batch for this worker only: rows another worker holds
            # are skipped (SKIP LOCKED, PostgreSQL), so several workers never
            # index the same rows. The locks last until the rows are deleted
            # or, on a failure, released untouched. SQLite has one writer
            # and ignores the clause.
            rows = list(
                PendingIndex.objects.select_for_update(skip_locked=True)
                .order_by("pk")
                .values_list("pk", "product_id")[:BATCH]
            )
            if not rows:
                break
            product_ids = {product_id for _pk, product_id in rows}
            documents, removed = documents_for(product_ids)
            try:
                for number, backend in enumerate(backends):
                    if in_request and number > 0 and _request_indexing_paused():
                        raise SearchUnavailable("paused after a recent failure")
                    backend.index_documents(documents, removed)
            except SearchUnavailable:
                if in_request:
                    _pause_request_indexing()
                logger.warning(
                    "Search backend unavailable; %s changes stay queued.",
                    PendingIndex.objects.count(),
                    exc_info=True,
                )
                break
            # Only the rows claimed: a row queued meanwhile (a newer change)
            # stays and is indexed again; a row another worker holds is its.
            PendingIndex.objects.filter(pk__in=[pk for pk, _id in rows]).delete()
        indexed += len(product_ids)
    return indexed, PendingIndex.objects.count()


@task()
def index_pending_products() -> int:
    """The indexing task: drain the outbox into every backend."""
    indexed, _left = pending_index()
    return indexed
