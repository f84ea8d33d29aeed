"""Reads of the catalogue."""

from django.db.models import Prefetch, QuerySet
from oscar.apps.partner.models import StockRecord

from .models import ProductAttributeValue
from .stock import with_units_held


def card_stockrecords() -> QuerySet:
    """Stock records as a product card's price and availability read them:
    with their seller (the availability rule asks for the resident's standing)
    and the units live checkout holds take, in the same query."""
    return with_units_held(StockRecord.objects.select_related("partner__resident"))


def with_card_data(products: QuerySet) -> QuerySet:
    """Products with what a product card renders (class, options, images, stock
    records, variants and their stock records) fetched in a fixed number of
    queries, whatever the number of cards."""
    return (
        products.base_queryset()
        # The card's shipping line (market/export): the listing's profile and
        # its weight, read with the page's products.
        .select_related("parent__product_class", "shipping__profile", "course")
        # Oscar's base prefetches, with our stock records in place of plain ones.
        .prefetch_related(None)
        .prefetch_related(
            "children",
            "product_options",
            "product_class__options",
            "images",
            Prefetch(
                "attribute_values",
                queryset=ProductAttributeValue.objects.select_related("attribute"),
            ),
            Prefetch("stockrecords", queryset=card_stockrecords()),
            Prefetch("children__stockrecords", queryset=card_stockrecords()),
        )
    )
