"""Keeping every search backend in step with the catalogue.

A change to a product, its stock, its categories or its resident queues the
product in the outbox (search.PendingIndex) inside the same transaction, and
after commit enqueues the `index_pending_products` task: indexing never runs
inside the request's transaction, and with a task worker (production) not in
the request at all. The task indexes into the database backend (always kept:
it is the fallback) and into the configured backend; a product leaves the
outbox only when every backend took it, so updates missed while Elasticsearch
was down are replayed by the next task or by `manage.py search_index_pending`.
"""

import logging
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction
from django_tasks import task

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


def _enqueue() -> None:
    index_pending_products.enqueue()


def pending_index(*, limit: int | None = None) -> tuple[int, int]:
    """Index what the outbox holds; return (products indexed, rows left).

    Stops at the first backend failure: the rest stays queued for the next
    run, nothing is lost. A product queued again while it was being indexed
    keeps its newer row and is indexed again.
    """
    indexed = 0
    if cache.get(REBUILDING):
        return 0, PendingIndex.objects.count()
    backends = indexing_backends()
    while limit is None or indexed < limit:
        rows = list(
            PendingIndex.objects.order_by("pk").values_list("pk", "product_id")[:BATCH]
        )
        if not rows:
            break
        last = rows[-1][0]
        product_ids = {product_id for _pk, product_id in rows}
        documents, removed = documents_for(product_ids)
        try:
            for backend in backends:
                backend.index_documents(documents, removed)
        except SearchUnavailable:
            logger.warning(
                "Search backend unavailable; %s changes stay queued.",
                PendingIndex.objects.count(),
                exc_info=True,
            )
            break
        PendingIndex.objects.filter(product_id__in=product_ids, pk__lte=last).delete()
        indexed += len(product_ids)
    return indexed, PendingIndex.objects.count()


@task()
def index_pending_products() -> int:
    """The indexing task: drain the outbox into every backend."""
    indexed, _left = pending_index()
    return indexed
