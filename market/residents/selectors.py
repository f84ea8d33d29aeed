"""Reads about residents and what they sell."""

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from oscar.apps.partner.models import StockRecord

from catalogue.models import Product, ReviewStatus
from catalogue.selectors import with_card_data

from .models import Resident, ResidentStatus


def stockrecords_of_product(outer_ref: str = "pk") -> QuerySet:
    """Stock records of the product at OuterRef(outer_ref) or of its variants."""
    # A parent product sells through its children's stock records (variants).
    return StockRecord.objects.filter(
        Q(product=OuterRef(outer_ref)) | Q(product__parent=OuterRef(outer_ref))
    )


def public_products() -> QuerySet:
    """Browsable, public, live (reviewed) products sold by an approved resident,
    annotated with their lowest price (`min_price`)."""
    on_sale = stockrecords_of_product().filter(
        partner__resident__status=ResidentStatus.APPROVED
    )
    lowest_price = on_sale.order_by("price").values("price")[:1]
    return (
        Product.objects.browsable()
        .filter(is_public=True, review_status=ReviewStatus.LIVE)
        .filter(Exists(on_sale))
        .annotate(min_price=Subquery(lowest_price))
    )


def public_residents() -> QuerySet:
    """Residents whose shops are open."""
    return Resident.objects.filter(status=ResidentStatus.APPROVED)


def owned_products(resident: Resident) -> QuerySet:
    """The resident's own parent and standalone products, in any review state.

    No join and no DISTINCT, so services can lock it (select_for_update)."""
    sold_here = stockrecords_of_product().filter(partner_id=resident.partner_id)
    return Product.objects.filter(parent__isnull=True).filter(Exists(sold_here))


def resident_products(resident: Resident) -> QuerySet:
    """The public products of one resident, newest first."""
    owned = owned_products(resident).values("pk")
    return with_card_data(public_products().filter(pk__in=owned)).order_by(
        "-date_created", "-pk"
    )


def product_is_listed(product: Product) -> bool:
    """Whether the public may see this product (or, for a variant, its parent)."""
    shown = product.parent if product.is_child else product
    return public_products().filter(pk=shown.pk).exists()


def product_is_sold_by_user(product: Product, user) -> bool:
    """Whether `user` acts for a resident who sells this product (or its parent)."""
    shown = product.parent if product.is_child else product
    theirs = stockrecords_of_product().filter(partner__users=user)
    return Product.objects.filter(pk=shown.pk).filter(Exists(theirs)).exists()
