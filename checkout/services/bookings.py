"""Paid studio bookings in the checkout (the Centre is the seller): a
booking held by market.bookings becomes one basket line of its room's
"studio time" listing, priced by the booking; the checkout holds the slot
as long as the payment, and placing the order confirms it. Cancelling a
paid booking gives the money back through the same refund as any order
line (`order_line_refund`), which cancels the booking."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.apps.basket.models import Basket

from market.bookings import services as booking_services
from market.bookings.listing import (
    BOOKING_OPTION_CODE,
    booking_option,
    is_studio_sku,
    room_listing_ensure,
)
from market.bookings.models import Booking, Room
from market.bookings.rules import BookingRefused

from .amounts import prepared
from .errors import CheckoutRefused, OutOfStock
from .refunds import order_line_refund


def booking_of_line(line) -> Booking | None:
    """The booking a basket (or order) line pays for, or None."""
    for attribute in line.attributes.all():
        if attribute.option.code == BOOKING_OPTION_CODE:
            return (
                Booking.objects.select_related("room")
                .filter(reference=str(attribute.value))
                .first()
            )
    return None


def is_booking_line(line) -> bool:
    """A basket line (its stock record's SKU) or an order line (its own SKU)
    of a room's studio time listing: no query."""
    record = getattr(line, "stockrecord", None)
    if hasattr(line, "partner_sku"):
        return is_studio_sku(line.partner_sku)
    return record is not None and is_studio_sku(record.partner_sku)


@transaction.atomic
def booking_basket_add(*, basket: Basket, booking: Booking) -> None:
    """Put a held booking into its booker's basket: one line of the room's
    listing, at the booking's price. Adding it twice changes nothing."""
    product = booking.room.product or room_listing_ensure(room=booking.room)
    if not basket.has_strategy:
        basket = prepared(basket, booking.booker)
    line, _created = basket.add_product(
        product,
        1,
        options=[{"option": booking_option(), "value": str(booking.reference)}],
    )
    if line.quantity != 1:
        line.quantity = 1
    line.price_currency = "AZN"
    line.price_excl_tax = booking.price
    line.price_incl_tax = booking.price
    line.save(
        update_fields=["quantity", "price_currency", "price_excl_tax", "price_incl_tax"]
    )


def booking_line_refusal(line, *, user, now: datetime) -> str | None:
    """Why this basket line's booking may not be paid for now, or None."""
    if line.quantity != 1:
        return _("A studio booking is one line of quantity 1.")
    booking = booking_of_line(line)
    return booking_services.booking_refusal_for_payment(booking, user=user, now=now)


def bookings_hold(*, payment, basket: Basket, now: datetime) -> None:
    """Hold each booking of the basket until the payment's `expires_at`.
    Raises CheckoutRefused."""
    for line in basket.all_lines():
        if not is_booking_line(line):
            continue
        reason = booking_line_refusal(line, user=payment.user, now=now)
        if reason:
            raise CheckoutRefused(reason)
        try:
            booking_services.booking_hold_extend(
                booking=booking_of_line(line), until=payment.expires_at, now=now
            )
        except BookingRefused as error:
            raise OutOfStock(error.message) from error


def bookings_place(*, order, now: datetime) -> None:
    """The order is being placed (inside its transaction): each booking line
    confirms its booking. Raises OutOfStock if a slot was lost."""
    for line in order.lines.all():
        if not is_booking_line(line):
            continue
        booking = booking_of_line(line)
        if booking is None:
            raise OutOfStock(_("This studio booking no longer exists."))
        try:
            booking_services.booking_confirm_for_order(
                booking=booking, line=line, now=now
            )
        except BookingRefused as error:
            raise OutOfStock(error.message) from error


@transaction.atomic
def booking_cancel(
    *,
    booking: Booking,
    by,
    reason: str = "",
    as_staff: bool = False,
    now: datetime | None = None,
) -> booking_services.Cancelled:
    """Cancel a booking (market.bookings' rules) and, when money is due
    back, refund its order line. One transaction: a refused refund cancels
    nothing. Raises BookingRefused (and lets the refund's errors through)."""
    now = now or timezone.now()
    result = booking_services.booking_cancel(
        booking=booking, by=by, reason=reason, as_staff=as_staff, now=now
    )
    if result.refund_due and result.booking.order_line_id:
        order_line_refund(
            line=result.booking.order_line,
            quantity=1,
            user=by,
            reason=reason.strip() or _("Studio booking cancelled in time."),
        )
        result.booking.refresh_from_db()
    return result


def bookings_cancel_for_closure(
    *,
    room: Room | None,
    starts_at: datetime,
    ends_at: datetime,
    by,
    reason: str | Callable[[Booking], str],
) -> int:
    """A room closed (or a closure added): its live future bookings in the
    range are cancelled, money and hours given back, bookers told, the
    reason (text, or a function of the booking) in the booker's language.
    Returns how many. Each booking in its own transaction: one refused refund does
    not keep the others."""
    now = timezone.now()
    count = 0
    for booking in booking_services.bookings_to_cancel_for_closure(
        room=room, starts_at=starts_at, ends_at=ends_at, now=now
    ):
        # The reason as the booker will read it (their booking's language).
        text = reason(booking) if callable(reason) else reason
        booking_cancel(booking=booking, by=by, reason=text, as_staff=True, now=now)
        count += 1
    return count


def bookings_cancel_for_equipment(
    *, equipment, by, reason: Callable[[Booking], str]
) -> int:
    """A piece of equipment switched off: the live bookings that hold it are
    cancelled (it will not be there), money and hours given back, bookers
    told in their language. Returns how many."""
    now = timezone.now()
    count = 0
    for booking in booking_services.bookings_with_equipment_ahead(
        equipment=equipment, now=now
    ):
        booking_cancel(
            booking=booking, by=by, reason=reason(booking), as_staff=True, now=now
        )
        count += 1
    return count


__all__ = [
    "booking_basket_add",
    "booking_cancel",
    "booking_line_refusal",
    "booking_of_line",
    "bookings_cancel_for_closure",
    "bookings_cancel_for_equipment",
    "bookings_hold",
    "bookings_place",
    "is_booking_line",
]
