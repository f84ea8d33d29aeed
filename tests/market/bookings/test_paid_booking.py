"""A paid studio booking through the real checkout and localstripe: the
hold goes into the basket, the buyer pays (no shipping step: studio time
is a service), the booking is confirmed with its order line; cancelled
before the cut-off, the money comes back."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from checkout.models import CheckoutPayment, Refund, RefundStatus
from market.bookings.models import Booking, BookingStatus, PaidBy
from tests.stripe_fixtures import pay, place

pytestmark = pytest.mark.django_db


def test_a_paid_booking_is_confirmed_by_payment_and_refunded_on_cancel(
    room, microphones, buyer, tuesday, stripe_settings, rates
):
    client = Client()
    client.force_login(buyer)
    with translation.override("en"):
        room_url = reverse("bookings:room", args=[room.slug])
        basket_url = reverse("basket:summary")
    booked = client.post(
        f"{room_url}?week={tuesday}",
        {
            "starts": f"{tuesday:%Y-%m-%d}T16:00",
            "minutes": "120",
            "people": "2",
            "equipment": [microphones.pk],
            "action": "book",
        },
    )
    booking = Booking.objects.get()
    assert booked["Location"] == basket_url
    assert (booking.status, booking.price) == (BookingStatus.HELD, Decimal("60.00"))

    # When: checkout, preview, place, pay at localstripe, come back.
    response = client.get(reverse("checkout:index"), follow=True)
    assert response.status_code == 200
    assert not response.request["PATH_INFO"].endswith("/shipping-address/")
    placed = place(client)
    assert placed["Location"] == reverse("checkout:pay"), placed["Location"]
    payment = CheckoutPayment.objects.get(pk=client.session["checkout_payment_id"])
    pay(payment)
    back = client.get(
        reverse("checkout:return"), {"payment_intent": payment.payment_intent_id}
    )

    # Then: the booking is the order's line, confirmed.
    assert back["Location"] == reverse("checkout:thank-you")
    booking.refresh_from_db()
    assert (booking.status, booking.paid_by) == (
        BookingStatus.CONFIRMED,
        PaidBy.CHECKOUT,
    )
    line = booking.order_line
    assert (line.line_price_incl_tax, line.quantity) == (Decimal("60.00"), 1)
    assert line.order.total_incl_tax == Decimal("60.00")

    # When: cancelled by the buyer well before the cut-off.
    with translation.override("en"):
        cancel_url = reverse("bookings:cancel", args=[booking.reference])
    page = client.get(cancel_url).content.decode()
    cancelled = client.post(cancel_url, {"reason": "Trip"}, follow=True)

    # Then: refunded through Stripe, the booking cancelled and marked so.
    assert "The 60.00 AZN you paid is refunded to your card." in page
    assert "Cancelled. The money is refunded to your card." in (
        cancelled.content.decode()
    )
    refund = Refund.objects.get(line=line)
    assert (refund.quantity, refund.total, refund.status) == (
        1,
        Decimal("60.00"),
        RefundStatus.SUCCEEDED,
    )
    booking.refresh_from_db()
    assert (booking.status, booking.refunded) == (BookingStatus.CANCELLED, True)
