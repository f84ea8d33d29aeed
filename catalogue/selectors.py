"""Reads of the catalogue."""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
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
        # The card's "4.5 (12 reviews)": counted in the products' own query.
        .annotate(approved_reviews_count=approved_reviews_count())
    )


def approved_reviews_count():
    """The number of a product's approved reviews, as an expression on the
    product at OuterRef (Oscar's `num_approved_reviews` is a query per
    product)."""
    from oscar.apps.catalogue.reviews.models import ProductReview

    reviews = (
        ProductReview.objects.approved()
        .filter(product=OuterRef("pk"))
        .order_by()
        .values("product")
        .annotate(number=Count("pk"))
        .values("number")
    )
    return Coalesce(Subquery(reviews), 0)


def with_page_data(products: QuerySet) -> QuerySet:
    """Products with what the product page renders, in a fixed number of
    queries whatever the number of images and licence tiers: the card's data,
    the images in their order, the variants' attributes (a tier's licence) and
    the stock records' residents."""
    return with_card_data(products).prefetch_related(
        Prefetch(
            "children__attribute_values",
            queryset=ProductAttributeValue.objects.select_related(
                "attribute", "value_option"
            ),
        ),
    )


def product_resident(product):
    """The resident who makes and sells `product` (for a parent, its
    variants' seller), read from the stock records already loaded with the
    product (`card_stockrecords`), or None."""
    records = list(product.stockrecords.all())
    if not records and product.is_parent:
        records = [
            record
            for child in product.children.all()
            for record in child.stockrecords.all()
        ]
    for record in records:
        try:
            return record.partner.resident
        except (AttributeError, ObjectDoesNotExist):
            continue
    return None
