"""Paid studio bookings go through the one checkout (the Centre sells):
a held booking is one basket line at the booking's price; "Pay" holds the
slot as long as the payment; placing the order confirms it; a refund of the
line cancels it; the listing itself can never be bought by its id."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from oscar.apps.basket.models import Basket

from checkout.models import CheckoutPayment, CheckoutStatus, Refund
from checkout.services import order_line_refund
from checkout.services.bookings import booking_basket_add, booking_cancel
from market.bookings.models import Booking, BookingStatus, PaidBy
from market.bookings.services import SlotRequest, booking_create
from market.payouts.models import LedgerEntry
from market.payouts.selectors import order_ledger_sum
from tests.factories import UserFactory
from tests.factories.studios import baku, make_equipment, make_room, next_weekday
from tests.stripe_fixtures import closed_port, pay, place


@pytest.fixture
def room(db):
    return make_room()


@pytest.fixture
def microphones(room):
    return make_equipment(room)


@pytest.fixture
def tuesday():
    return next_weekday(timezone.localdate() + timedelta(days=7), 1)


def _held(room, buyer, day, hour=16, minutes=120, **extra) -> Booking:
    return booking_create(
        request=SlotRequest(
            room_id=room.pk, starts_at=baku(day, hour), minutes=minutes, **extra
        ),
        booker=buyer,
    )


def _basket_of(user) -> Basket:
    basket, _created = Basket.open.get_or_create(owner=user)
    return basket


def _pay_for(client: Client) -> CheckoutPayment:
    client.get(reverse("checkout:index"), follow=True)
    response = place(client)
    assert response["Location"] == reverse("checkout:pay"), response.content[:800]
    payment = CheckoutPayment.objects.get(pk=client.session["checkout_payment_id"])
    pay(payment)
    response = client.get(
        reverse("checkout:return"), {"payment_intent": payment.payment_intent_id}
    )
    assert response["Location"] == reverse("checkout:thank-you")
    payment.refresh_from_db()
    return payment


@pytest.fixture
def paid_booking(room, microphones, buyer, tuesday, rates, stripe_settings):
    """16:00–18:00 on a Tuesday: 20 + 30 for the room, 2 x 5 for the
    microphones = 60.00 AZN, paid at localstripe."""
    booking = _held(room, buyer, tuesday, equipment_ids=(microphones.pk,))
    booking_basket_add(basket=_basket_of(buyer), booking=booking)
    client = Client()
    client.force_login(buyer)
    payment = _pay_for(client)
    booking.refresh_from_db()
    return booking, payment, client


def test_a_paid_booking_is_placed_as_an_order_of_the_centre(paid_booking):
    booking, payment, _client = paid_booking

    assert payment.status == CheckoutStatus.PLACED
    assert (payment.total, payment.amount, payment.currency) == (
        Decimal("60.00"),
        Decimal("60.00"),
        "AZN",
    )
    line = payment.order.lines.get()
    assert (booking.status, booking.paid_by, booking.order_line_id) == (
        BookingStatus.CONFIRMED,
        PaidBy.CHECKOUT,
        line.pk,
    )
    assert (line.quantity, line.line_price_incl_tax, line.partner.code) == (
        1,
        Decimal("60.00"),
        "centre",
    )
    # The ledger holds the sale, all of it the Centre's: no resident's share.
    assert order_ledger_sum(order=payment.order) == Decimal("60.00")
    assert list(
        LedgerEntry.objects.filter(order=payment.order).values_list(
            "account_id", "kind", "amount"
        )
    ) == [(None, "sale", Decimal("60.00"))]


def test_cancelling_before_the_cut_off_refunds_through_stripe(paid_booking, buyer):
    booking, payment, _client = paid_booking

    result = booking_cancel(booking=booking, by=buyer, reason="Plans changed")

    booking.refresh_from_db()
    refund = Refund.objects.get()
    assert result.refund_due is True
    assert (booking.status, booking.refunded) == (BookingStatus.CANCELLED, True)
    assert (refund.line_id, refund.amount, refund.currency, refund.status) == (
        booking.order_line_id,
        Decimal("60.00"),
        "AZN",
        "succeeded",
    )
    assert refund.stripe_refund_id.startswith("re_")
    # Asking again moves no money twice.
    again = booking_cancel(booking=booking, by=buyer, reason="Plans changed")
    assert again.refund_due is False
    assert Refund.objects.count() == 1


def test_cancelling_after_the_cut_off_gives_no_money_back(paid_booking, buyer):
    booking, _payment, _client = paid_booking
    late = booking.starts_at - timedelta(hours=2)

    result = booking_cancel(booking=booking, by=buyer, reason="Ill", now=late)

    booking.refresh_from_db()
    assert (result.refund_due, booking.status, booking.refunded) == (
        False,
        BookingStatus.CANCELLED,
        False,
    )
    assert Refund.objects.count() == 0


def test_a_staff_refund_of_the_line_cancels_the_booking(paid_booking, staff):
    booking, payment, _client = paid_booking

    order_line_refund(
        line=payment.order.lines.get(), quantity=1, user=staff, reason="Broken mic"
    )

    booking.refresh_from_db()
    assert (booking.status, booking.refunded) == (BookingStatus.CANCELLED, True)


def test_the_studio_time_listing_cannot_be_bought_by_its_id(room, buyer):
    client = Client()
    client.force_login(buyer)

    response = client.post(
        reverse("basket:add", kwargs={"pk": room.product_id}), {"quantity": 1}
    )

    assert response.status_code == 302
    assert _basket_of(buyer).num_lines == 0


def test_someone_elses_held_booking_cannot_be_paid(room, buyer, tuesday, rates):
    booking = _held(room, buyer, tuesday)
    stranger = UserFactory(email="stranger@example.az")
    basket = _basket_of(stranger)
    booking_basket_add(basket=basket, booking=booking)
    client = Client()
    client.force_login(stranger)

    client.get(reverse("checkout:index"), follow=True)
    response = place(client)

    assert CheckoutPayment.objects.count() == 0
    assert response.status_code in (200, 302)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.HELD


def test_a_booking_line_keeps_quantity_one(room, buyer, tuesday, rates):
    booking = _held(room, buyer, tuesday)
    basket = _basket_of(buyer)
    booking_basket_add(basket=basket, booking=booking)
    booking_basket_add(basket=basket, booking=booking)
    line = basket.all_lines()[0]
    line.quantity = 3
    line.save()
    client = Client()
    client.force_login(buyer)

    client.get(reverse("checkout:index"), follow=True)
    place(client)

    assert basket.lines.count() == 1
    assert CheckoutPayment.objects.count() == 0


def test_pay_holds_the_slot_for_the_payment_then_a_lapsed_slot_is_free(
    room, buyer, tuesday, rates, stripe_settings
):
    booking = _held(room, buyer, tuesday)
    booking_basket_add(basket=_basket_of(buyer), booking=booking)
    client = Client()
    client.force_login(buyer)
    client.get(reverse("checkout:index"), follow=True)

    place(client)

    payment = CheckoutPayment.objects.get()
    booking.refresh_from_db()
    assert booking.held_until == payment.expires_at
    # Once the hold has run out, another person may book the slot.
    later = payment.expires_at + timedelta(seconds=1)
    other = booking_create(
        request=SlotRequest(
            room_id=room.pk, starts_at=booking.starts_at, minutes=booking.minutes
        ),
        booker=UserFactory(email="other@example.az"),
        now=later,
    )
    booking.refresh_from_db()
    assert (booking.status, other.status) == (BookingStatus.LAPSED, BookingStatus.HELD)


def test_the_price_is_the_booking_s_in_the_basket(room, buyer, tuesday):
    booking = _held(room, buyer, tuesday, hour=20, minutes=60)
    basket = _basket_of(buyer)

    booking_basket_add(basket=basket, booking=booking)

    basket = Basket.objects.get(pk=basket.pk)
    from checkout.services import prepared

    line = prepared(basket, buyer).all_lines()[0]
    assert line.unit_price_incl_tax == Decimal("30.00")
    assert line.get_warning() is None
    assert timezone.now() < booking.held_until


def test_a_cancel_whose_refund_cannot_be_made_cancels_nothing(
    paid_booking, buyer, settings
):
    booking, _payment, client = paid_booking
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{closed_port()}"
    with translation.override("en"):
        url = reverse("bookings:cancel", args=[booking.reference])

    response = client.post(url, {"reason": "Trip"}, follow=True)

    assert response.status_code == 200
    assert (
        "The refund could not be made just now, so nothing was cancelled."
        in response.content.decode()
    )
    booking.refresh_from_db()
    assert (booking.status, booking.refunded) == (BookingStatus.CONFIRMED, False)
    assert Refund.objects.count() == 0
