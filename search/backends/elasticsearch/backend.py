"""ElasticsearchBackend: sends the bodies of index.py and queries.py to the
cluster and reads its answers. Every failure of the cluster (refused, slow,
an error answer, a refused document) leaves as SearchUnavailable with its
cause, so the caller can fall back to the database backend."""

import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cached_property, lru_cache
from itertools import islice

from django.conf import settings
from elasticsearch import (
    ApiError,
    Elasticsearch,
    NotFoundError,
    TransportError,
    helpers,
)
from elasticsearch.helpers import BulkIndexError

from ...synonyms import query_words
from ..base import (
    ProductPage,
    ProductQuery,
    Progress,
    SearchBackend,
    SearchUnavailable,
    partner_ids_hidden,
)
from .index import document_source, index_settings
from .queries import page_from_response, query_body, suggest_body

logger = logging.getLogger(__name__)

BATCH = 500


@contextmanager
def _unavailable(action: str) -> Iterator[None]:
    """Any failure of the cluster, as SearchUnavailable with its cause."""
    try:
        yield
    except (ApiError, TransportError, BulkIndexError) as error:
        raise SearchUnavailable(f"Elasticsearch could not {action}: {error}") from error


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _missing_delete(error: dict) -> bool:
    """The delete of a document the index never had: nothing to do."""
    item = error.get("delete")
    return bool(item) and item.get("status") == 404 and "error" not in item


@lru_cache(maxsize=8)
def _shared_client(url: str, timeout: float) -> Elasticsearch:
    """One client (and its connection pool) per process, not one per request:
    a backend object is made for each search."""
    return Elasticsearch(
        url, request_timeout=timeout, max_retries=0, retry_on_timeout=False
    )


class ElasticsearchBackend(SearchBackend):
    """Searches the index behind the alias MARKET_ELASTICSEARCH_INDEX.

    A search waits MARKET_ELASTICSEARCH_TIMEOUT seconds at most and is never
    retried, so a slow cluster costs a buyer little before the fallback
    answers; indexing waits MARKET_ELASTICSEARCH_INDEX_TIMEOUT.
    """

    def __init__(
        self,
        url: str | None = None,
        index: str | None = None,
        *,
        client: Elasticsearch | None = None,
    ):
        self.url = url or getattr(settings, "MARKET_ELASTICSEARCH_URL", "")
        self.alias = index or getattr(
            settings, "MARKET_ELASTICSEARCH_INDEX", "market-products"
        )
        self.timeout = float(getattr(settings, "MARKET_ELASTICSEARCH_TIMEOUT", 1.5))
        self.index_timeout = float(
            getattr(settings, "MARKET_ELASTICSEARCH_INDEX_TIMEOUT", 30)
        )
        if client is not None:
            # A client made elsewhere (a test's stand-in transport).
            self.__dict__["client"] = client

    @cached_property
    def client(self) -> Elasticsearch:
        if not self.url:
            raise SearchUnavailable("MARKET_ELASTICSEARCH_URL is not set.")
        try:
            return _shared_client(self.url, self.timeout)
        except ValueError as error:
            raise SearchUnavailable(f"Bad MARKET_ELASTICSEARCH_URL: {error}") from error

    @property
    def indexing_client(self) -> Elasticsearch:
        return self.client.options(request_timeout=self.index_timeout)

    # ---------------------------------------------------------------- reading
    def search_products(
        self, query: ProductQuery, *, offset: int, limit: int
    ) -> ProductPage:
        words = query_words(query.text)
        body = query_body(query, words, partner_ids_hidden(), offset, limit)
        with _unavailable("search"):
            response = self.client.search(index=self.alias, body=body).body
        try:
            return page_from_response(query, response)
        except (KeyError, TypeError, ValueError) as error:
            raise SearchUnavailable(
                f"Unexpected answer from Elasticsearch: {error!r}"
            ) from error

    def suggest(self, text: str, *, limit: int = 8) -> list[int]:
        if not text.strip() or limit <= 0:
            return []
        body = suggest_body(text, partner_ids_hidden(), limit)
        with _unavailable("suggest"):
            response = self.client.search(index=self.alias, body=body).body
        try:
            return [int(hit["_id"]) for hit in response["hits"]["hits"]]
        except (KeyError, TypeError, ValueError) as error:
            raise SearchUnavailable(
                f"Unexpected answer from Elasticsearch: {error!r}"
            ) from error

    def healthy(self) -> bool:
        """Whether the cluster answers within the search timeout."""
        try:
            return bool(self.client.ping())
        except SearchUnavailable:
            return False

    # ---------------------------------------------------------------- writing
    def index_documents(
        self, documents: Sequence[dict], removed_ids: Iterable[int]
    ) -> None:
        """Index `documents` and delete `removed_ids`, through the alias.

        The request requires an alias, so indexing before the first rebuild
        fails (and stays in the outbox) instead of creating an index with
        guessed mappings. It waits for the next refresh, so a product saved is
        found right after, as with the database backend.
        """
        kept = {document["id"] for document in documents}
        actions = [self._index_action(self.alias, document) for document in documents]
        actions.extend(
            {"_op_type": "delete", "_index": self.alias, "_id": str(pk)}
            for pk in sorted(set(removed_ids) - kept)
        )
        if actions:
            self._bulk(actions, require_alias=True, refresh="wait_for")

    def rebuild(self, documents: Iterable[dict], *, total: int, progress: Progress):
        """Load every document into a new index, then move the alias onto it
        in one step, so searches never see a partial index; then delete the
        indices the alias left. A failure before the move deletes the new
        index and raises."""
        client = self.indexing_client
        name = self.new_index_name()
        with _unavailable("create an index"):
            client.indices.create(index=name, body=index_settings())
        done = 0
        try:
            for chunk in _chunks(documents, BATCH):
                self._bulk([self._index_action(name, document) for document in chunk])
                done += len(chunk)
                progress(done, total)
            with _unavailable("switch the alias"):
                client.indices.refresh(index=name)
                old = self.alias_indices()
                client.indices.update_aliases(
                    actions=[
                        *(
                            {"remove": {"index": index, "alias": self.alias}}
                            for index in old
                        ),
                        {"add": {"index": name, "alias": self.alias}},
                    ]
                )
        except BaseException:
            self._delete_index(client, name)
            raise
        for index in old:
            self._delete_index(client, index)
        return done

    def refresh(self) -> None:
        """Make every write so far searchable now (tests; writes already wait
        for the next periodic refresh)."""
        with _unavailable("refresh"):
            self.indexing_client.indices.refresh(index=self.alias)

    def drop(self) -> None:
        """Delete every index behind the alias, and so the alias (a test's
        own alias, or a reset before a rebuild from nothing)."""
        with _unavailable("drop the index"):
            for index in self.alias_indices():
                self.indexing_client.indices.delete(index=index)

    def new_index_name(self) -> str:
        return f"{self.alias}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"

    def alias_indices(self) -> list[str]:
        """The indices behind the alias (none before the first rebuild)."""
        try:
            answer = self.indexing_client.indices.get_alias(name=self.alias)
        except NotFoundError:
            return []
        return sorted(answer.body)

    @staticmethod
    def _index_action(index: str, document: dict) -> dict:
        return {
            "_op_type": "index",
            "_index": index,
            "_id": str(document["id"]),
            "_source": document_source(document),
        }

    def _bulk(self, actions: list[dict], **options) -> None:
        with _unavailable("index documents"):
            _indexed, errors = helpers.bulk(
                self.indexing_client,
                actions,
                chunk_size=BATCH,
                raise_on_error=False,
                **options,
            )
        failed = [error for error in errors if not _missing_delete(error)]
        if failed:
            raise SearchUnavailable(
                f"Elasticsearch refused {len(failed)} action(s); first: {failed[0]}"
            )

    @staticmethod
    def _delete_index(client: Elasticsearch, name: str) -> None:
        try:
            client.indices.delete(index=name)
        except (ApiError, TransportError):
            logger.warning("Could not delete the index %s.", name, exc_info=True)
