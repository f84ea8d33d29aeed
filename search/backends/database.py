"""The embedded search backend: the database's own full-text search.

SQLite uses an FTS5 table, PostgreSQL a weighted tsvector column with a GIN
index (search/migrations/_fts.py). Documents (search/documents.py) are stored
folded (search/normalise.py) in ProductDocument, their facet values one per
row in DocumentFacet, and every word they contain in SearchTerm (the
dictionary a typo is corrected against).

A query is one SQL statement built here from fixed fragments; the buyer's
words and choices travel only as parameters. Facet counts are disjunctive:
each facet is counted with every other facet's selection applied, but not its
own, so a buyer sees what ticking another value would add.
"""

# The SQL below is assembled from constant fragments and placeholders only;
# everything a buyer types travels as a parameter.
# ruff: noqa: S608

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from django.core.cache import cache
from django.db import connection, transaction

from ..models import DocumentFacet, ProductDocument, SearchTerm
from ..normalise import FUZZY_MIN_LENGTH, QueryWord, one_edit_variants, tokens
from ..synonyms import query_words
from .base import (
    SHIPS_ANYWHERE,
    TERM_FACETS,
    Facet,
    FacetCount,
    ProductPage,
    ProductQuery,
    Progress,
    SearchBackend,
    Sort,
    cents_down,
    cents_up,
    count_ships_to,
    partner_ids_hidden,
    price_cents,
)

DOCUMENT = "search_productdocument"
FACET = "search_documentfacet"
BATCH = 500

# Totals and facet counts read every matching row, so they grow with the
# catalogue; so does a page of words' matches ranked by relevance (each match
# is ranked before the best are taken). A page in any other order does not
# (an index gives it in order). The counts of one question, and its ranked
# pages, are kept in the cache for COUNTS_SECONDS, under the index's
# generation, which every write of the index moves on: a product indexed,
# changed or removed is counted and found at once, and only time-based states
# (none today) could be COUNTS_SECONDS late.
COUNTS_SECONDS = 60
SUGGEST_CANDIDATES = 1000
GENERATION_KEY = "search:database:generation"


def index_generation() -> int:
    """The index's current generation (the cache's, or a new one)."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = 1
        cache.add(GENERATION_KEY, generation, timeout=None)
    return generation


def index_changed() -> None:
    """Move the generation on now (this transaction's own reads) and again
    once the writing transaction commits (what other requests counted
    meanwhile, from the rows before the commit, is dropped too)."""

    def bump():
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # expired or never set
            cache.set(GENERATION_KEY, index_generation() + 1, timeout=None)

    bump()
    transaction.on_commit(bump)


def _suggest_key(text: str, limit: int, hidden: list[str]) -> str:
    question = repr((tokens(text), limit, hidden, connection.vendor))
    digest = hashlib.sha256(question.encode()).hexdigest()[:32]
    return f"search:suggest:{index_generation()}:{digest}"


def _counts_key(query: ProductQuery, sql: str, params: list) -> str:
    """The cache key of a question's counts: everything that changes them
    (the statement with the words as the index reads them, after synonyms
    and corrections; the filters, bands, scopes and hidden shops), not the
    sort."""
    question = repr(
        (replace(query, sort=Sort.RELEVANCE), sql, params, connection.vendor)
    )
    digest = hashlib.sha256(question.encode()).hexdigest()[:32]
    return f"search:counts:{index_generation()}:{digest}"


@dataclass
class _Sql:
    """A WHERE clause under construction: fragments and their parameters."""

    clauses: list[str] = field(default_factory=list)
    params: list = field(default_factory=list)

    def add(self, clause: str, params: Sequence = ()) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def where(self) -> str:
        return " AND ".join(self.clauses) if self.clauses else "1=1"


def _placeholders(values: Sequence) -> str:
    return ", ".join(["%s"] * len(values))


class DatabaseBackend(SearchBackend):
    """Full-text search in SQLite (FTS5) or PostgreSQL (tsvector)."""

    # ---------------------------------------------------------------- reading
    def search_products(
        self, query: ProductQuery, *, offset: int, limit: int
    ) -> ProductPage:
        words = query_words(query.text)
        match = self._match(words) if words else None
        hidden = sorted(str(pk) for pk in partner_ids_hidden())
        with_ = self._with(match)
        join = " JOIN matched m ON m.id = d.product_id" if match else ""

        def filtered(without: str | None = None) -> _Sql:
            sql = self._scope(query, hidden)
            self._selections(sql, query, without=without)
            return sql

        sql = filtered()
        from_where = f"FROM {DOCUMENT} d{join} WHERE {sql.where()}"
        params = [*with_[1], *sql.params]
        key = _counts_key(query, f"{with_[0]} {from_where}", params)
        counted = cache.get(key)
        with connection.cursor() as cursor:
            if counted is None:
                counted = self._count(
                    cursor, query, with_, join, from_where, params, filtered
                )
                cache.set(key, counted, COUNTS_SECONDS)
            total, facets = counted
            ids: list[int] = []
            if limit > 0 and total > offset:
                # A page ranked by relevance reads every match to rank it
                # (no index orders by ts_rank): kept like the counts.
                page_key = (
                    f"{key}:page:{query.sort}:{offset}:{limit}" if match else None
                )
                kept = cache.get(page_key) if page_key else None
                if kept is not None:
                    ids = kept
                else:
                    order = self._order(query.sort, ranked=match is not None)
                    cursor.execute(
                        f"{with_[0]} SELECT d.product_id {from_where} "
                        f"ORDER BY {order} LIMIT %s OFFSET %s",
                        [*params, limit, offset],
                    )
                    ids = [row[0] for row in cursor.fetchall()]
                    if page_key:
                        cache.set(page_key, ids, COUNTS_SECONDS)
        return ProductPage(product_ids=ids, total=total, facets=facets)

    def _count(self, cursor, query, with_, join, from_where, params, filtered):
        """The total and the facet counts of a question."""
        cursor.execute(f"{with_[0]} SELECT COUNT(*) {from_where}", params)
        total = cursor.fetchone()[0]
        facets = {}
        if query.facets:
            # Facets with no selection are all counted over the same result
            # set, in one query; a facet with a selection is counted without
            # its own selection, one query each.
            selected = [facet for facet in TERM_FACETS if query.selected(facet)]
            unselected = [facet for facet in TERM_FACETS if facet not in selected]
            facets.update(
                self._count_terms(cursor, unselected, with_, join, filtered())
            )
            for facet in selected:
                facets.update(
                    self._count_terms(
                        cursor, [facet], with_, join, filtered(without=facet)
                    )
                )
            if query.price_bands:
                facets[Facet.PRICE.value] = self._count_bands(
                    cursor, query, with_, join, filtered(without=Facet.PRICE)
                )
        return total, facets

    def suggest(self, text: str, *, limit: int = 8) -> list[int]:
        words = tokens(text)
        if not words:
            return []
        hidden = sorted(str(pk) for pk in partner_ids_hidden())
        sql = _Sql()
        self._exclude_hidden(sql, hidden)
        if connection.vendor == "postgresql":
            tsquery = " & ".join(f"{word}:*A" for word in words)
            matched = (
                f"SELECT product_id AS id, ts_rank(search_vector, q) AS rank "
                f"FROM {DOCUMENT}, to_tsquery('simple', %s) q "
                "WHERE search_vector @@ q"
            )
            param = tsquery
        else:
            # Titles only: FTS5's column filter; bm25 is lower for better.
            param = "title : (" + " AND ".join(f'"{word}"*' for word in words) + ")"
            matched = (
                f"SELECT rowid AS id, -bm25({DOCUMENT}_fts, 10.0, 1.0) AS rank "
                f"FROM {DOCUMENT}_fts WHERE {DOCUMENT}_fts MATCH %s"
            )
        key = _suggest_key(text, limit, hidden)
        found = cache.get(key)
        if found is not None:
            return found
        with connection.cursor() as cursor:
            # Ranked among SUGGEST_CANDIDATES matches at most: a prefix of one
            # or two letters matches most of the catalogue, and ranking it
            # all on each keystroke grew with the catalogue (issue 16).
            cursor.execute(
                f"WITH matched AS ({matched} LIMIT {SUGGEST_CANDIDATES}) "
                "SELECT d.product_id "
                f"FROM {DOCUMENT} d JOIN matched m ON m.id = d.product_id "
                f"WHERE {sql.where()} ORDER BY m.rank DESC, d.product_id DESC "
                "LIMIT %s",
                [param, *sql.params, limit],
            )
            found = [row[0] for row in cursor.fetchall()]
        cache.set(key, found, COUNTS_SECONDS)
        return found

    # ------------------------------------------------------------ SQL pieces
    def _match(self, words: list[QueryWord]) -> str:
        """The engine's query: every word, each as its stem, its synonyms or
        (fuzzy words) a known word one typo away."""
        corrections = self._corrections(words)
        postgres = connection.vendor == "postgresql"
        groups = []
        for word in words:
            prefixes = dict.fromkeys([word.stem, *word.synonyms])
            exact = [
                term
                for term in [*word.exact, *corrections.get(word, ())]
                if term not in prefixes
            ]
            if postgres:
                options = [f"{term}:*" for term in prefixes]
                options += list(exact)
                groups.append("(" + " | ".join(options) + ")")
            else:
                options = [f'"{term}"*' for term in prefixes]
                options += [f'"{term}"' for term in exact]
                groups.append("(" + " OR ".join(options) + ")")
        return (" & " if postgres else " AND ").join(groups)

    @staticmethod
    def _corrections(words: list[QueryWord]) -> dict[QueryWord, list[str]]:
        """Known words one edit away from each fuzzy word (or its stem)."""
        candidates: dict[QueryWord, set[str]] = {}
        for word in words:
            if word.fuzzy:
                candidates[word] = one_edit_variants(word.text)
                if len(word.stem) >= FUZZY_MIN_LENGTH:
                    candidates[word] |= one_edit_variants(word.stem)
        wanted = set().union(*candidates.values()) if candidates else set()
        if not wanted:
            return {}
        known = set(
            SearchTerm.objects.filter(term__in=sorted(wanted)).values_list(
                "term", flat=True
            )
        )
        return {word: sorted(found & known) for word, found in candidates.items()}

    @staticmethod
    def _with(match: str | None) -> tuple[str, list]:
        if match is None:
            return "", []
        if connection.vendor == "postgresql":
            return (
                "WITH matched AS (SELECT product_id AS id, "
                "ts_rank(search_vector, q) AS rank "
                f"FROM {DOCUMENT}, to_tsquery('simple', %s) q "
                "WHERE search_vector @@ q)",
                [match],
            )
        return (
            "WITH matched AS (SELECT rowid AS id, "
            f"-bm25({DOCUMENT}_fts, 10.0, 1.0) AS rank FROM {DOCUMENT}_fts "
            f"WHERE {DOCUMENT}_fts MATCH %s)",
            [match],
        )

    @staticmethod
    def _exclude_hidden(sql: _Sql, hidden: list[str]) -> None:
        if hidden:
            sql.add(
                f"d.product_id NOT IN (SELECT document_id FROM {FACET} "
                f"WHERE facet = 'resident' AND value IN ({_placeholders(hidden)}))",
                hidden,
            )

    def _scope(self, query: ProductQuery, hidden: list[str]) -> _Sql:
        """The fixed part of a query: hidden shops and the page's scope."""
        sql = _Sql()
        self._exclude_hidden(sql, hidden)
        if query.category_ids:
            values = [str(pk) for pk in query.category_ids]
            self._in_facet(sql, Facet.CATEGORY, values)
        if query.partner_id is not None:
            self._in_facet(sql, Facet.RESIDENT, [str(query.partner_id)])
        if query.product_class_slug:
            sql.add("d.kind = %s", [query.product_class_slug])
        return sql

    @staticmethod
    def _in_facet(sql: _Sql, facet: str, values: Sequence[str]) -> None:
        sql.add(
            f"d.product_id IN (SELECT document_id FROM {FACET} "
            f"WHERE facet = %s AND value IN ({_placeholders(values)}))",
            [facet, *values],
        )

    def _selections(self, sql: _Sql, query: ProductQuery, *, without) -> None:
        for facet in TERM_FACETS:
            values = list(query.selected(facet))
            if facet == without or not values:
                continue
            if facet == Facet.SHIPS_TO:
                values.append(SHIPS_ANYWHERE)
            self._in_facet(sql, facet, values)
        if without == Facet.PRICE:
            return
        bands = [
            band
            for band in query.price_bands
            if band.key in query.selected(Facet.PRICE)
        ]
        if bands:
            alternatives = []
            for band in bands:
                parts, params = self._band_sql(band)
                alternatives.append(parts)
                sql.params.extend(params)
            sql.clauses.append("(" + " OR ".join(alternatives) + ")")
        if query.price_min is not None:
            sql.add("d.price_cents >= %s", [cents_up(query.price_min)])
        if query.price_max is not None:
            sql.add("d.price_cents <= %s", [cents_down(query.price_max)])

    @staticmethod
    def _band_sql(band) -> tuple[str, list]:
        parts, params = ["d.price_cents IS NOT NULL"], []
        if band.lower is not None:
            parts.append("d.price_cents >= %s")
            params.append(cents_up(band.lower))
        if band.upper is not None:
            parts.append("d.price_cents < %s")
            params.append(cents_up(band.upper))
        return "(" + " AND ".join(parts) + ")", params

    @staticmethod
    def _order(sort: Sort, *, ranked: bool) -> str:
        newest = "d.date_created DESC, d.product_id DESC"
        return {
            Sort.RELEVANCE: f"m.rank DESC, {newest}" if ranked else newest,
            Sort.NEWEST: newest,
            Sort.PRICE_ASC: "d.price_cents IS NULL, d.price_cents ASC, d.product_id",
            Sort.PRICE_DESC: (
                "d.price_cents IS NULL, d.price_cents DESC, d.product_id DESC"
            ),
            Sort.TITLE: "d.title_sort ASC, d.product_id",
        }[sort]

    @staticmethod
    def _count_terms(
        cursor, facets: list[Facet], with_, join, sql: _Sql
    ) -> dict[str, list[FacetCount]]:
        names = [facet.value for facet in facets]
        counts: dict[str, dict[str, int]] = {name: {} for name in names}
        if not names:
            return {}
        cursor.execute(
            f"{with_[0]} SELECT f.facet, f.value, COUNT(*) FROM {FACET} f "
            f"WHERE f.facet IN ({_placeholders(names)}) AND f.document_id IN "
            f"(SELECT d.product_id FROM {DOCUMENT} d{join} WHERE {sql.where()}) "
            "GROUP BY f.facet, f.value",
            [*with_[1], *names, *sql.params],
        )
        for facet, value, count in cursor.fetchall():
            counts[facet][value] = count
        if Facet.SHIPS_TO.value in counts:
            counts[Facet.SHIPS_TO.value] = count_ships_to(counts[Facet.SHIPS_TO.value])
        return {
            name: sorted(
                (
                    FacetCount(value=value, count=count)
                    for value, count in found.items()
                ),
                key=lambda item: (-item.count, item.value),
            )
            for name, found in counts.items()
        }

    def _count_bands(self, cursor, query, with_, join, sql: _Sql) -> list[FacetCount]:
        selects, params = [], []
        for band in query.price_bands:
            parts, band_params = self._band_sql(band)
            selects.append(f"SUM(CASE WHEN {parts} THEN 1 ELSE 0 END)")
            params.extend(band_params)
        cursor.execute(
            f"{with_[0]} SELECT {', '.join(selects)} FROM "
            f"(SELECT d.price_cents FROM {DOCUMENT} d{join} WHERE {sql.where()}) d",
            [*with_[1], *params, *sql.params],
        )
        row = cursor.fetchone()
        return [
            FacetCount(value=band.key, count=int(row[index] or 0))
            for index, band in enumerate(query.price_bands)
        ]

    # ---------------------------------------------------------------- writing
    def index_documents(
        self, documents: Sequence[dict], removed_ids: Iterable[int]
    ) -> None:
        ids = {document["id"] for document in documents} | set(removed_ids)
        if not ids:
            return
        with transaction.atomic():
            ProductDocument.objects.filter(product_id__in=ids).delete()
            self._store(documents)
            index_changed()

    def rebuild(self, documents: Iterable[dict], *, total: int, progress: Progress):
        done = 0
        # One transaction: readers see the old index until the new one commits.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FACET}")
            cursor.execute(f"DELETE FROM {DOCUMENT}")
            batch: list[dict] = []
            for document in documents:
                batch.append(document)
                if len(batch) >= BATCH:
                    self._store(batch)
                    done += len(batch)
                    progress(done, total)
                    batch = []
            if batch:
                self._store(batch)
                done += len(batch)
                progress(done, total)
            index_changed()
        return done

    @staticmethod
    def _store(documents: Sequence[dict]) -> None:
        from ..documents import searchable_text

        rows, facets, terms = [], [], set()
        for document in documents:
            title, text = searchable_text(document)
            terms.update(title.split())
            terms.update(text.split())
            rows.append(
                ProductDocument(
                    product_id=document["id"],
                    title=title,
                    text=text,
                    title_sort=document["title_sort"],
                    kind=(document["kind"] or [""])[0],
                    price_cents=price_cents(document["price"]),
                    date_created=document["date_created"],
                )
            )
            for facet in TERM_FACETS:
                facets.extend(
                    DocumentFacet(
                        document_id=document["id"], facet=facet.value, value=value
                    )
                    for value in dict.fromkeys(document[facet.value])
                )
        ProductDocument.objects.bulk_create(rows, batch_size=BATCH)
        DocumentFacet.objects.bulk_create(facets, batch_size=BATCH)
        # Typos are forgiven in words, not in numbers (codes, sizes).
        SearchTerm.objects.bulk_create(
            [
                SearchTerm(term=term)
                for term in sorted(terms)
                if len(term) <= 64 and not term.isdigit()
            ],
            batch_size=BATCH,
            ignore_conflicts=True,
        )
