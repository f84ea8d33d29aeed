"""Holding a basket's stock and seats while its buyer pays, and turning the
hold into the order's allocation when it is placed.

A hold is a `catalogue.StockHold` per stock record, keyed by the checkout
payment ("checkout:<id>"), that counts until the payment's `expires_at`:
nobody has to release it for the units to come back. Course seats are held
through Kreativ Edu's rules (market.learning.services.seats), studio
bookings through the studios' (checkout.services.bookings). Before
anything is held, every line must pass the one rule "may this be sold now"
and the buyer's limits: units of one product held across their open
checkouts (MARKET_HOLD_LIMITS, by kind) and open checkouts at once
(MARKET_CHECKOUT_OPEN_LIMIT).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from oscar.apps.basket.models import Basket
from oscar.apps.partner.models import StockRecord

from catalogue.stock import (
    active_holds,
    stock_announce,
    stock_hold,
    stock_release,
    stock_take,
    units_free,
)
from market.learning.services import (
    SeatsUnavailable,
    is_course,
    seats_hold_for_checkout,
    seats_take_for_order,
)
from market.residents.selectors import listing_refusal
from market.residents.strategy import hold_limit

from ..models import CheckoutPayment, CheckoutStatus
from .bookings import booking_line_refusal, bookings_hold, is_booking_line
from .errors import CheckoutRefused, OutOfStock
from .quotes import is_quote_line, quote_basket_refusal, quote_line_made_to_order


def hold_key(payment_id: int) -> str:
    """The holder name of a checkout payment's holds."""
    return f"checkout:{payment_id}"


@dataclass(frozen=True)
class Hold:
    stockrecord_id: int
    quantity: int
    # False for a wholesale quote's units: the resident quoted that many,
    # so the per-buyer limit of the product's kind does not apply.
    limited: bool = True


def basket_holds(basket: Basket) -> list[Hold]:
    """Units to hold per stock record, for products that track stock
    (physical goods and course seats), in stock record order: every writer
    locks rows in this one order, so concurrent buyers cannot deadlock. A
    wholesale quote's units made to order are held against no stock."""
    quantities: dict[int, int] = {}
    unlimited: set[int] = set()
    for line in basket.all_lines():
        if not line.product.get_product_class().track_stock:
            continue
        if is_quote_line(line):
            if quote_line_made_to_order(line):
                continue
            unlimited.add(line.stockrecord_id)
        quantities[line.stockrecord_id] = (
            quantities.get(line.stockrecord_id, 0) + line.quantity
        )
    return [
        Hold(pk, quantity, limited=pk not in unlimited)
        for pk, quantity in sorted(quantities.items())
    ]


def _limit_message(product, limit: int) -> str:
    return ngettext(
        "You can buy at most %(limit)d of “%(title)s” at a time.",
        "You can buy at most %(limit)d of “%(title)s” at a time.",
        limit,
    ) % {"limit": limit, "title": product.get_title()}


def basket_check(basket: Basket) -> None:
    """Every line may be sold now (the one rule) in the quantity asked for
    (the limit of its kind). Raises CheckoutRefused with the first reason."""
    now = timezone.now()
    reason = quote_basket_refusal(basket, user=basket.owner, now=now)
    if reason is not None:
        # A wholesale quote: paid on its own, whole, by its buyer, in time.
        raise CheckoutRefused(reason)
    for line in basket.all_lines():
        if is_booking_line(line):
            # A studio booking: the Centre sells it; its own rule decides.
            reason = booking_line_refusal(line, user=basket.owner, now=now)
        else:
            reason = listing_refusal(line.product, line.stockrecord)
        if reason is not None:
            raise CheckoutRefused(reason)
        if is_quote_line(line):
            # The resident quoted this quantity: no per-buyer limit.
            continue
        limit = hold_limit(line.product)
        if limit is not None and line.quantity > limit:
            raise CheckoutRefused(_limit_message(line.product, limit))


def open_checkouts(
    user, *, now: datetime, except_payment_id: int | None = None, guest_email=""
):
    """The buyer's checkouts that hold something now (a guest's: those of
    the same address)."""
    buyer = (
        {"user": user}
        if user is not None
        else {"user": None, "guest_email__iexact": guest_email}
    )
    payments = CheckoutPayment.objects.filter(
        **buyer, status=CheckoutStatus.AWAITING_PAYMENT, expires_at__gt=now
    )
    if except_payment_id is not None:
        payments = payments.exclude(pk=except_payment_id)
    return payments


def _check_buyer_limits(
    payment: CheckoutPayment, holds: list[Hold], records: dict, now: datetime
) -> None:
    others = list(
        open_checkouts(
            payment.user,
            now=now,
            except_payment_id=payment.pk,
            guest_email=payment.guest_email,
        ).values_list("pk", flat=True)
    )
    if holds and len(others) >= settings.MARKET_CHECKOUT_OPEN_LIMIT:
        raise CheckoutRefused(
            ngettext(
                "You already have %(count)d checkout waiting for payment. Pay for "
                "it or go back to its basket first.",
                "You already have %(count)d checkouts waiting for payment. Pay for "
                "one or go back to its basket first.",
                len(others),
            )
            % {"count": len(others)}
        )
    held = dict(
        active_holds(now=now)
        .filter(key__in=[hold_key(pk) for pk in others])
        .values("stockrecord_id")
        .annotate(total=Sum("quantity"))
        .values_list("stockrecord_id", "total")
    )
    for hold in holds:
        product = records[hold.stockrecord_id].product
        limit = hold_limit(product) if hold.limited else None
        if (
            limit is not None
            and held.get(hold.stockrecord_id, 0) + hold.quantity > limit
        ):
            raise CheckoutRefused(_limit_message(product, limit))


def _records(holds: list[Hold]) -> dict[int, StockRecord]:
    return StockRecord.objects.select_related(
        "product__product_class", "product__parent__product_class"
    ).in_bulk([hold.stockrecord_id for hold in holds])


def _out_of_stock(record: StockRecord, now: datetime) -> OutOfStock:
    return OutOfStock(
        _("Sorry, only %(left)s of “%(title)s” left.")
        % {"left": units_free(record, now=now), "title": record.product.get_title()}
    )


def holds_take(*, payment: CheckoutPayment, basket: Basket, now: datetime) -> None:
    """Hold every unit of the basket until the payment's `expires_at`, or
    none (the caller's transaction rolls back). Raises CheckoutRefused."""
    holds = basket_holds(basket)
    records = _records(holds)
    _check_buyer_limits(payment, holds, records, now)
    key = hold_key(payment.pk)
    for hold in holds:
        record = records[hold.stockrecord_id]
        if is_course(record.product):
            try:
                seats_hold_for_checkout(
                    record=record,
                    quantity=hold.quantity,
                    learner=payment.user,
                    key=key,
                    until=payment.expires_at,
                    now=now,
                )
            except SeatsUnavailable as error:
                raise OutOfStock(error.message) from error
        elif not stock_hold(
            stockrecord_id=record.pk,
            quantity=hold.quantity,
            key=key,
            until=payment.expires_at,
            now=now,
        ):
            raise _out_of_stock(record, now)
    stock_announce(records)
    bookings_hold(payment=payment, basket=basket, now=now)


def holds_release(payment: CheckoutPayment) -> None:
    """Drop the payment's holds (live or run out)."""
    released = stock_release(key=hold_key(payment.pk))
    if released:
        stock_announce(released)


def holds_live(payment: CheckoutPayment, *, now: datetime) -> bool:
    return active_holds(now=now).filter(key=hold_key(payment.pk)).exists()


def holds_place(*, payment: CheckoutPayment, basket: Basket, now: datetime) -> None:
    """The order is being placed (inside its transaction): each hold becomes
    an allocation of its stock record. A hold that ran out is taken again if
    the units are still free. Raises CheckoutRefused (OutOfStock) otherwise."""
    holds = basket_holds(basket)
    records = _records(holds)
    key = hold_key(payment.pk)
    for hold in holds:
        record = records[hold.stockrecord_id]
        if is_course(record.product):
            try:
                seats_take_for_order(
                    record=record,
                    quantity=hold.quantity,
                    learner=payment.user,
                    key=key,
                    now=now,
                )
            except SeatsUnavailable as error:
                raise OutOfStock(error.message) from error
        elif not stock_take(
            stockrecord_id=record.pk, quantity=hold.quantity, key=key, now=now
        ):
            raise _out_of_stock(record, now)
    stock_announce(records)
