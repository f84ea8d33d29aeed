"""The embedded search backend: the database's own full-text search.

SQLite uses an FTS5 table, PostgreSQL a tsvector column with a GIN index
(both made by search/migrations/0001_initial.py). Text is normalised in Python
before it is stored and before it is queried, so both engines match the same
words the same way. Filters and ordering are ordinary ORM queries.
"""

from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Exists, F, QuerySet
from django.db.models.expressions import RawSQL

from catalogue.models import Product, ProductCategory
from market.residents.selectors import public_products, stockrecords_of_product

from ..documents import document_text
from ..models import ProductDocument
from ..normalise import tokens
from .base import ProductPage, ProductQuery, SearchBackend, Sort


class DatabaseBackend(SearchBackend):
    """Full-text search in SQLite (FTS5) or PostgreSQL (tsvector)."""

    def search_products(
        self, query: ProductQuery, *, offset: int, limit: int
    ) -> ProductPage:
        products = self._filtered(query)
        words = tokens(query.text)
        if words:
            match_sql, rank_sql, rank_descending, param = self._full_text(words)
            # The SQL is constant; the buyer's words travel only as a parameter.
            products = products.filter(pk__in=RawSQL(match_sql, [param]))  # noqa: S611
            products = products.annotate(rank=RawSQL(rank_sql, [param]))  # noqa: S611
            relevance = F("rank").desc() if rank_descending else F("rank").asc()
        else:
            relevance = F("date_created").desc()
        ordering = {
            Sort.RELEVANCE: [relevance, "-pk"],
            Sort.NEWEST: ["-date_created", "-pk"],
            Sort.PRICE_ASC: [F("min_price").asc(nulls_last=True), "pk"],
            Sort.PRICE_DESC: [F("min_price").desc(nulls_last=True), "-pk"],
            Sort.TITLE: ["title", "pk"],
        }[query.sort]
        products = products.order_by(*ordering)
        total = products.count()
        ids = list(products.values_list("pk", flat=True)[offset : offset + limit])
        return ProductPage(product_ids=ids, total=total)

    def _filtered(self, query: ProductQuery) -> QuerySet:
        products = public_products()
        if query.category_ids:
            in_categories = ProductCategory.objects.filter(
                category_id__in=query.category_ids
            ).values("product_id")
            products = products.filter(pk__in=in_categories)
        if query.partner_id is not None:
            products = products.filter(
                Exists(stockrecords_of_product().filter(partner_id=query.partner_id))
            )
        if query.product_class_slug:
            products = products.filter(product_class__slug=query.product_class_slug)
        return products

    def _full_text(self, words: list[str]) -> tuple[str, str, bool, str]:
        """SQL that matches every word as a prefix, and SQL that ranks a match."""
        if connection.vendor == "postgresql":
            tsquery = " & ".join(f"{word}:*" for word in words)
            match = (
                "SELECT product_id FROM search_productdocument "
                "WHERE search_vector @@ to_tsquery('simple', %s)"
            )
            rank = (
                "SELECT ts_rank(search_vector, to_tsquery('simple', %s)) "
                "FROM search_productdocument "
                'WHERE product_id = "catalogue_product"."id"'
            )
            return match, rank, True, tsquery
        fts_query = " AND ".join(f'"{word}"*' for word in words)
        match = (
            "SELECT rowid FROM search_productdocument_fts "
            "WHERE search_productdocument_fts MATCH %s"
        )
        # bm25() is lower for better matches.
        rank = (
            "SELECT bm25(search_productdocument_fts) "
            "FROM search_productdocument_fts WHERE search_productdocument_fts MATCH %s "
            'AND rowid = "catalogue_product"."id"'
        )
        return match, rank, False, fts_query

    def index_products(self, product_ids: Iterable[int]) -> None:
        ids = set(product_ids)
        if not ids:
            return
        # Index the parent of a variant: only parents and standalones are shown.
        parents = Product.objects.filter(pk__in=ids, parent__isnull=False).values_list(
            "parent_id", flat=True
        )
        ids.update(parents)
        products = self._documents_queryset().filter(pk__in=ids, parent__isnull=True)
        with transaction.atomic():
            found = set()
            for product in products:
                found.add(product.pk)
                ProductDocument.objects.update_or_create(
                    product=product, defaults={"text": document_text(product)}
                )
            ProductDocument.objects.filter(product_id__in=ids - found).delete()

    def rebuild(self) -> int:
        products = self._documents_queryset().filter(parent__isnull=True)
        documents = [
            ProductDocument(product=product, text=document_text(product))
            for product in products.iterator(chunk_size=500)
        ]
        with transaction.atomic():
            ProductDocument.objects.all().delete()
            ProductDocument.objects.bulk_create(documents, batch_size=500)
        return len(documents)

    @staticmethod
    def _documents_queryset() -> QuerySet:
        return Product.objects.select_related("product_class").prefetch_related(
            "categories",
            "stockrecords__partner__resident",
            "children__stockrecords__partner__resident",
        )
