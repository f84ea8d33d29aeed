"""What the checkout reads: whether a visitor without an account may buy a
basket (the one rule of guest checkout, asked at every door: the gateway,
each step, "Pay", and the pay pages)."""

from __future__ import annotations

from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from oscar.apps.basket.models import Basket

from catalogue.kinds import PHYSICAL
from catalogue.models import Product

# Only goods that travel in a parcel may be bought without an account: a
# file to download, a course seat, a service or studio time are kept in an
# account (downloads, seats, bookings and their messages live there).
GUEST_KINDS = frozenset({PHYSICAL})


def guest_refusal(basket: Basket) -> str | None:
    """Why a visitor without an account may not buy this basket, or None.
    Names the first line that needs an account. One query, whatever the
    number of lines (a variant's kind is its parent's)."""
    lines = basket.all_lines()
    if not lines:
        return None
    kinds = dict(
        Product.objects.filter(pk__in=[line.product_id for line in lines])
        .annotate(kind=Coalesce("product_class__slug", "parent__product_class__slug"))
        .values_list("pk", "kind")
    )
    for line in lines:
        if kinds.get(line.product_id) not in GUEST_KINDS:
            return _(
                "“%(title)s” needs an account: downloads, course seats, services "
                "and studio time are kept in it. Sign in or create an account to "
                "buy it; goods that ship can be bought without one."
            ) % {"title": line.product.get_title()}
    return None
