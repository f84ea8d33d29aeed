"""Reads of the catalogue."""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from oscar.apps.partner.models import StockRecord

from .kinds import COURSE
from .models import ProductAttributeValue
from .stock import units_free, with_units_held


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


@dataclass(frozen=True)
class CourseCard:
    """What a course's card says: may one enrol now, and is every seat
    taken (seats kept for the waitlist count as taken, as on the course
    page)."""

    open: bool
    not_yet_open: bool
    full: bool


def course_cards(products, *, now: datetime | None = None) -> dict[int, CourseCard]:
    """The cards' course states of the courses among `products`, by product
    id, in one query for the whole page (none when no course is shown). The
    rules are Kreativ Edu's (market.learning.services.seats): enrolment is
    open from `enrolment_opens_at` until `enrolment_closes_at`, else until the
    first session starts; a course is full when the free units of its stock
    record (live checkout holds counted) do not exceed the open offers plus
    the learners still waiting."""
    from market.learning.models import Course, CourseSession, WaitlistEntry
    from market.learning.models import WaitlistStatus as Status

    now = now or timezone.now()
    courses = [
        product
        for product in products
        if product.get_product_class() and product.get_product_class().slug == COURSE
    ]
    if not courses:
        return {}

    def counted(**conditions):
        entries = (
            WaitlistEntry.objects.filter(course=OuterRef("pk"), **conditions)
            .order_by()
            .values("course")
            .annotate(number=Count("pk"))
            .values("number")
        )
        return Coalesce(Subquery(entries), 0)

    first_start = (
        CourseSession.objects.filter(course=OuterRef("pk"))
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    rows = Course.objects.filter(product_id__in=[p.pk for p in courses]).annotate(
        first_start=Subquery(first_start),
        offers=counted(status=Status.OFFERED, offer_expires_at__gt=now),
        waiting=counted(status=Status.WAITING),
    )
    by_product = {row.product_id: row for row in rows}
    cards = {}
    for product in courses:
        row = by_product.get(product.pk)
        opens = row.enrolment_opens_at if row else None
        closes = (row.enrolment_closes_at or row.first_start) if row else None
        not_yet_open = opens is not None and now < opens
        records = list(product.stockrecords.all())
        free = units_free(records[0], now=now) if records else 0
        kept = (row.offers + row.waiting) if row else 0
        cards[product.pk] = CourseCard(
            open=not not_yet_open and (closes is None or now < closes),
            not_yet_open=not_yet_open,
            full=free <= kept,
        )
    return cards
