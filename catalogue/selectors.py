"""Reads of the catalogue."""

from django.db.models import QuerySet


def with_card_data(products: QuerySet) -> QuerySet:
    """Products with what a product card renders (class, options, images, stock
    records, variants' stock records) fetched in a fixed number of queries."""
    return (
        products.base_queryset()
        .select_related("parent__product_class")
        .prefetch_related("children__stockrecords")
    )
