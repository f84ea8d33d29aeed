"""Reads about product reviews, and the one rule "may this person review this
product now" (`review_refusal`), asked by every door: Oscar's review form
(GET and POST), the product page's invitation, and `services.review_create`
inside its transaction."""

from __future__ import annotations

from django.db.models import F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from oscar.apps.catalogue.reviews.models import ProductReview
from oscar.apps.order.models import Line

from market.residents.models import Resident
from market.residents.selectors import (
    listing_refusal,
    owned_products,
    product_is_sold_by_user,
)


def unrefunded_lines(user, product) -> QuerySet:
    """The user's placed order lines of `product` (or of one of its variants)
    with at least one unit not refunded, oldest first. Refunds are the
    checkout's `Refund` rows of the line (`Line.refunds`), pending or done."""
    return (
        Line.objects.filter(order__user=user)
        .filter(Q(product=product) | Q(product__parent=product))
        .annotate(refunded=Coalesce(Sum("refunds__quantity"), 0))
        .filter(refunded__lt=F("quantity"))
        .order_by("order__date_placed", "pk")
    )


def review_refusal(user, product) -> str | None:
    """Why `user` may not review `product` now, or None when they may: a
    signed-in buyer with a placed order line of it that is not wholly
    refunded, who has not reviewed it yet, of a product on sale now (the one
    availability rule, `listing_refusal`: live, public, its shop open) that
    they do not sell themselves. Reviews belong to the product's page, so a
    variant is not reviewed on its own."""
    if user is None or not user.is_authenticated:
        return _("Sign in to review this product.")
    if product is None or product.is_child or listing_refusal(product) is not None:
        return _("This product cannot be reviewed at the moment.")
    if ProductReview.objects.filter(product=product, user=user).exists():
        return _("You have already reviewed this product.")
    if product_is_sold_by_user(product, user):
        return _("You cannot review your own product.")
    bought = Line.objects.filter(order__user=user).filter(
        Q(product=product) | Q(product__parent=product)
    )
    if not bought.exists():
        return _("Only buyers of this product can review it.")
    if not unrefunded_lines(user, product).exists():
        return _("Your purchase of this product was refunded.")
    return None


def approved_reviews(product) -> QuerySet:
    """Reviews the public sees on a product's page, newest first, with their
    proof of purchase and answer."""
    return (
        ProductReview.objects.approved()
        .filter(product=product)
        .select_related("user", "purchase", "answer__resident")
        .order_by("-date_created", "-pk")
    )


def pending_reviews() -> QuerySet:
    """Reviews waiting for staff, oldest first (they waited longest)."""
    return (
        ProductReview.objects.filter(status=ProductReview.FOR_MODERATION)
        .select_related("product", "user", "purchase__line__order")
        .order_by("date_created", "pk")
    )


def pending_review_count() -> int:
    return ProductReview.objects.filter(status=ProductReview.FOR_MODERATION).count()


def reviews_of_resident(resident: Resident) -> QuerySet:
    """Approved reviews of the resident's own products (what they may answer),
    newest first. Scoped at the query: another resident's reviews are not in it."""
    owned = owned_products(resident).values("pk")
    return (
        ProductReview.objects.approved()
        .filter(product__in=owned)
        .select_related("product", "user", "answer")
        .order_by("-date_created", "-pk")
    )
