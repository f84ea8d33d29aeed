"""A cluster that is down or hangs, over real sockets: the Elasticsearch
backend fails fast with SearchUnavailable, and the resilient backend answers
from the database, marked degraded, without asking the cluster again until
the retry window passes.

Two failures: a closed port (connection refused at once) and a server that
accepts connections and never answers (the read times out)."""

import socket
import threading
import time

import pytest
from django.core.cache import cache
from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport import ConnectionTimeout

from catalogue.kinds import PHYSICAL
from search.backends.base import ProductQuery, SearchUnavailable, Sort
from search.backends.database import DatabaseBackend
from search.backends.elasticsearch import ElasticsearchBackend
from search.backends.resilient import PRIMARY_DOWN_KEY, ResilientBackend
from search.documents import documents_for

ALIAS = "test-market-products"
# Far above the 0.5 s timeout: only guards against a call that waits forever.
GUARD_SECONDS = 5


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SilentServer:
    """Accepts connections and never answers, like a cluster stuck in a long
    garbage collection."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.05)
        self.port = self.listener.getsockname()[1]
        self.connections: list[socket.socket] = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stopping.is_set():
            try:
                connection, _address = self.listener.accept()
            except TimeoutError:
                continue
            self.connections.append(connection)

    def stop(self) -> None:
        self.stopping.set()
        self.thread.join(timeout=GUARD_SECONDS)
        for connection in self.connections:
            connection.close()
        self.listener.close()


@pytest.fixture(params=["refused", "silent"])
def dead_cluster(request, settings):
    """(url, the transport error expected as the cause)."""
    settings.MARKET_ELASTICSEARCH_TIMEOUT = 0.5
    settings.MARKET_ELASTICSEARCH_INDEX_TIMEOUT = 0.5
    settings.MARKET_SEARCH_RETRY_SECONDS = 30
    if request.param == "refused":
        yield f"http://127.0.0.1:{_closed_port()}", TransportConnectionError
        return
    server = SilentServer()
    try:
        yield f"http://127.0.0.1:{server.port}", ConnectionTimeout
    finally:
        server.stop()
    assert not server.thread.is_alive()


def _count_calls(backend, calls: list[str]) -> None:
    """Record every search and suggest that reaches `backend`."""
    for name in ("search_products", "suggest"):
        method = getattr(backend, name)

        def counted(*args, _name=name, _method=method, **kwargs):
            calls.append(_name)
            return _method(*args, **kwargs)

        setattr(backend, name, counted)


@pytest.mark.django_db
def test_a_search_fails_fast_as_search_unavailable(dead_cluster):
    url, cause = dead_cluster
    backend = ElasticsearchBackend(url, ALIAS)
    started = time.monotonic()

    with pytest.raises(SearchUnavailable) as raised:
        backend.search_products(ProductQuery(text="xalça"), offset=0, limit=20)

    assert time.monotonic() - started < GUARD_SECONDS
    assert isinstance(raised.value.__cause__, cause)
    with pytest.raises(SearchUnavailable):
        backend.suggest("xal")
    assert backend.healthy() is False


def test_indexing_fails_as_search_unavailable(dead_cluster, catalogue):
    url, cause = dead_cluster
    backend = ElasticsearchBackend(url, ALIAS)
    documents, removed = documents_for([catalogue[PHYSICAL].pk, 999_999])
    progress: list[tuple[int, int]] = []

    with pytest.raises(SearchUnavailable) as raised:
        backend.index_documents(documents, removed)
    with pytest.raises(SearchUnavailable):
        backend.rebuild(
            iter(documents),
            total=1,
            progress=lambda done, total: progress.append((done, total)),
        )

    assert isinstance(raised.value.__cause__, cause)
    assert progress == []


def test_the_database_answers_degraded_while_the_cluster_is_down(
    dead_cluster, catalogue, caplog
):
    url, _cause = dead_cluster
    primary = ElasticsearchBackend(url, ALIAS)
    calls: list[str] = []
    _count_calls(primary, calls)
    backend = ResilientBackend(primary, DatabaseBackend())
    query = ProductQuery(text="quba", facets=True)
    browsing = ProductQuery(sort=Sort.NEWEST)
    database = DatabaseBackend()

    page = backend.search_products(query, offset=0, limit=20)

    expected = database.search_products(query, offset=0, limit=20)
    assert page.product_ids == expected.product_ids == [catalogue[PHYSICAL].pk]
    assert (page.total, page.facets) == (expected.total, expected.facets)
    assert page.degraded is True
    assert calls == ["search_products"]
    assert cache.get(PRIMARY_DOWN_KEY) > time.time() + 25
    warnings = [
        record.levelname
        for record in caplog.records
        if record.name == "search.backends.resilient"
    ]
    assert warnings == ["WARNING"]

    # Within the retry window the cluster is not asked again.
    second = backend.search_products(browsing, offset=0, limit=20)
    suggested = backend.suggest("quba")

    assert second.degraded is True
    assert second.product_ids == (
        database.search_products(browsing, offset=0, limit=20).product_ids
    )
    assert len(second.product_ids) == 4
    assert suggested == database.suggest("quba") == [catalogue[PHYSICAL].pk]
    assert calls == ["search_products"]

    # Once the window has passed, the cluster is tried again.
    cache.delete(PRIMARY_DOWN_KEY)

    third = backend.search_products(browsing, offset=0, limit=20)

    assert third.degraded is True
    assert calls == ["search_products", "search_products"]


def test_indexing_through_the_resilient_backend_lets_the_failure_out(
    dead_cluster, catalogue
):
    url, _cause = dead_cluster
    backend = ResilientBackend(ElasticsearchBackend(url, ALIAS), DatabaseBackend())
    documents, removed = documents_for([catalogue[PHYSICAL].pk])

    with pytest.raises(SearchUnavailable):
        backend.index_documents(documents, removed)

    # Indexing failures do not send searches to the fallback.
    assert cache.get(PRIMARY_DOWN_KEY) is None
