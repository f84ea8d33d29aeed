"""Reads about residents and what they sell, and the two rules every door
asks: "may this be sold now" (`public_products` as a query,
`listing_refusal` for one product in hand) and "may this person act for a
resident now" (`acting_resident`)."""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.models import StockRecord

from catalogue.kinds import COURSE
from catalogue.models import Product, ReviewStatus
from catalogue.selectors import with_card_data

from .models import Resident, ResidentStatus


def _shown_as_outer(**stockrecord_lookups) -> QuerySet:
    """Products sold as the product at OuterRef("pk") (itself, or its
    variants for a parent) through a stock record matching the lookups.

    Asked through COALESCE(parent_id, id), the product a row is shown as,
    which an expression index of catalogue_product serves (migration
    catalogue.0038): one EXISTS per product row, a few index probes each.
    "This product OR its parent" is served by no index, and made every list
    of products read the whole catalogue (issue 16)."""
    return Product.objects.annotate(shown_as=Coalesce("parent_id", "id")).filter(
        shown_as=OuterRef("pk"),
        **{
            f"stockrecords__{lookup}": value
            for lookup, value in stockrecord_lookups.items()
        },
    )


def sold_through(**stockrecord_lookups) -> Exists:
    """Products (standalone or parent) sold through a stock record of their
    own or of a variant that matches the lookups (`partner_id=...`)."""
    return Exists(_shown_as_outer(**stockrecord_lookups))


APPROVED_SELLER = {"partner__resident__status": ResidentStatus.APPROVED}


def public_products() -> QuerySet:
    """The rule "may this be sold now", as a query: browsable, public, live
    (reviewed) products sold by an approved resident, annotated with their
    lowest price (`min_price`). `listing_refusal` is the same rule for one
    product in hand (tests/market/residents/test_availability_rule.py proves
    the two agree on every combination), plus one clause on time: a course
    whose enrolment closed stays listed (its page says enrolment closed) but
    is refused by every door that sells or offers it (basket, checkout,
    seats, search)."""
    # The lowest price: a standalone product's own records, else (a parent)
    # its variants'. Two subqueries, each driven by an index from the row
    # (stock records by product, products by parent); through the shown-as
    # index the planner hashed every stock record of the catalogue for it.
    approved = StockRecord.objects.filter(**APPROVED_SELLER)
    own = approved.filter(product=OuterRef("pk")).order_by("price")
    variants = approved.filter(product__parent=OuterRef("pk")).order_by("price")
    return (
        Product.objects.browsable()
        .filter(is_public=True, review_status=ReviewStatus.LIVE)
        .filter(sold_through(**APPROVED_SELLER))
        .annotate(
            min_price=Coalesce(
                Subquery(own.values("price")[:1]),
                Subquery(variants.values("price")[:1]),
            )
        )
    )


def public_residents() -> QuerySet:
    """Residents whose shops are open."""
    return Resident.objects.filter(status=ResidentStatus.APPROVED)


def owned_products(resident: Resident) -> QuerySet:
    """The resident's own parent and standalone products, in any review state.

    No join and no DISTINCT, so services can lock it (select_for_update)."""
    return Product.objects.filter(parent__isnull=True).filter(
        sold_through(partner_id=resident.partner_id)
    )


def resident_products(resident: Resident) -> QuerySet:
    """The public products of one resident, newest first.

    Their ids are read first from the resident's own stock records (by
    partner, an index): asked as a subquery, PostgreSQL walked the whole
    catalogue newest first looking for the resident's few (issue 16)."""
    shown_ids = set(
        StockRecord.objects.filter(partner_id=resident.partner_id)
        .annotate(shown_as=Coalesce("product__parent_id", "product_id"))
        .values_list("shown_as", flat=True)
    )
    return with_card_data(public_products().filter(pk__in=shown_ids)).order_by(
        "-date_created", "-pk"
    )


def product_is_listed(product: Product) -> bool:
    """Whether the public may see this product (or, for a variant, its parent)."""
    shown = product.parent if product.is_child else product
    return public_products().filter(pk=shown.pk).exists()


def product_is_sold_by_user(product: Product, user) -> bool:
    """Whether `user` acts for a resident who sells this product (or its parent)."""
    shown = product.parent if product.is_child else product
    return (
        Product.objects.filter(pk=shown.pk)
        .filter(sold_through(partner__users=user))
        .exists()
    )


def _resident_of(record) -> "Resident | None":
    try:
        return record.partner.resident
    except (AttributeError, ObjectDoesNotExist):
        return None


def listing_refusal(
    product: Product, stockrecord=None, *, now=None, judge_enrolment: bool = True
):
    """Why `product` (bought through `stockrecord`, if given) may not be sold
    now, or None when it may: the rule of `public_products` evaluated on rows
    in hand, so the strategy, the checkout and Kreativ Edu ask the same
    question without a query when the rows are loaded. A variant is judged by
    its parent's listing and its own stock record. `now`: the time a course's
    enrolment window is judged at (the seats services pass theirs);
    `judge_enrolment=False` only for placing an order whose seat was held
    while enrolment was open (the hold promised it)."""
    shown = product.parent if product.parent_id else product
    if (
        shown is None
        or not shown.is_public
        or shown.review_status != ReviewStatus.LIVE
        or (product.parent_id and not product.is_public)
    ):
        return _("“%(title)s” is not on sale at the moment.") % {
            "title": product.get_title()
        }
    if stockrecord is not None:
        records = [stockrecord]
    elif product.is_parent:
        records = [
            record
            for child in product.children.all()
            for record in child.stockrecords.all()
        ]
    else:
        records = list(product.stockrecords.all())
    resident_open = any(
        (resident := _resident_of(record)) is not None
        and resident.status == ResidentStatus.APPROVED
        for record in records
    )
    if not resident_open:
        return _("“%(title)s” is not on sale at the moment: its shop is closed.") % {
            "title": product.get_title()
        }
    if judge_enrolment and _enrolment_has_closed(shown, now or timezone.now()):
        return _("Enrolment for “%(title)s” has closed.") % {
            "title": product.get_title()
        }
    return None


def _enrolment_has_closed(product: Product, now) -> bool:
    """A course whose enrolment closed (its own date, or its first session
    began) is no longer sold: its page stays, saying so. Read from the
    course row (`product.course`, select_related by the card and search
    querysets), kept by market.learning; other kinds have none."""
    if product.get_product_class().slug != COURSE:
        return False
    try:
        course = product.course
    except ObjectDoesNotExist:
        return False
    return course.enrolment_has_closed(now)


MAY_ACT = ResidentStatus.APPROVED


def resident_may_act(resident: Resident | None) -> bool:
    """Whether this resident's people may do what residents do now."""
    return resident is not None and resident.status == MAY_ACT


def acting_resident(user) -> Resident | None:
    """The rule "may this person act for a resident now": the approved
    resident `user` is one of the people of, else None. A suspended,
    rejected or applying resident's people can do nothing a resident does
    (dashboard, listings, teaching, attendance, payout settings)."""
    if user is None or not user.is_authenticated:
        return None
    return (
        Resident.objects.filter(partner__users=user, status=MAY_ACT)
        .select_related("partner")
        .order_by("pk")
        .first()
    )
