"""A paid studio booking cancelled twice at once (two tabs, a double
click) on PostgreSQL: one refund, never two."""

from datetime import timedelta
from functools import partial

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from oscar.apps.basket.models import Basket

from checkout.models import CheckoutPayment, Refund
from checkout.services.bookings import booking_basket_add, booking_cancel
from market.bookings.models import BookingStatus
from market.bookings.services import SlotRequest, booking_create
from tests.factories.studios import baku, make_room, next_weekday
from tests.stripe_fixtures import pay, place
from tests.threads import run_together

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("migration_rows"),
]


def _cancel(booking, buyer):
    return booking_cancel(booking=booking, by=buyer, reason="Two tabs").refund_due


def test_two_cancels_at_once_refund_once(buyer, rates, stripe_settings):
    room = make_room()
    day = next_weekday(timezone.localdate() + timedelta(days=7), 1)
    booking = booking_create(
        request=SlotRequest(room_id=room.pk, starts_at=baku(day, 16), minutes=120),
        booker=buyer,
    )
    basket, _created = Basket.open.get_or_create(owner=buyer)
    booking_basket_add(basket=basket, booking=booking)
    client = Client()
    client.force_login(buyer)
    client.get(reverse("checkout:index"), follow=True)
    place(client)
    payment = CheckoutPayment.objects.get()
    pay(payment)
    client.get(
        reverse("checkout:return"), {"payment_intent": payment.payment_intent_id}
    )
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED

    outcomes = run_together([partial(_cancel, booking, buyer) for _ in range(2)])

    assert sorted(outcomes) == [False, True]
    booking.refresh_from_db()
    assert (booking.status, booking.refunded) == (BookingStatus.CANCELLED, True)
    assert list(Refund.objects.values_list("amount", "status")) == [
        (booking.price, "succeeded")
    ]
