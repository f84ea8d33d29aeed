"""Paid seats go through the shop's checkout and the same allocation: a seat
kept for a waitlisted learner cannot be bought by anyone else, an unpaid hold
that runs out and a refund both free the seat for the waitlist, and a paid
seat is given back only with a refund. localstripe stands in for Stripe."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from oscar.apps.partner.models import StockRecord

from catalogue.stock import units_held
from checkout.models import CheckoutPayment, CheckoutStatus
from checkout.services import checkout_release, order_line_refund
from market.learning.models import Seat, SeatSource, SeatStatus, WaitlistEntry
from market.learning.services.seats import SeatsUnavailable, seat_cancel
from market.learning.services.waitlist import waitlist_join
from tests.factories import UserFactory, course_product
from tests.stripe_fixtures import buy, place, start_checkout

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid_course(resident, rates, stripe_settings):
    start = timezone.now() + timedelta(days=14)
    return course_product(
        resident=resident,
        title="Oyun dizaynı",
        price=Decimal("80.00"),
        capacity=1,
        sessions=[(start, start + timedelta(hours=3))],
    )


def _client(email):
    user = UserFactory(email=email)
    client = Client()
    client.force_login(user)
    return user, client


def _stock(product):
    """(seats, taken for good, held by live checkout holds)."""
    record = StockRecord.objects.get(product=product)
    return (
        record.num_in_stock,
        record.num_allocated or 0,
        units_held(stockrecord_id=record.pk),
    )


def test_a_refund_offers_the_paid_seat_to_the_waitlist_and_only_they_can_buy_it(
    paid_course, staff, django_capture_on_commit_callbacks
):
    holder, holder_client = _client("holder@example.az")
    waiting, waiting_client = _client("waiting@example.az")
    _other, other_client = _client("other@example.az")
    payment = buy(holder_client, [paid_course])
    seat = Seat.objects.get(learner=holder)
    assert (seat.source, seat.status) == (SeatSource.ORDER, SeatStatus.ACTIVE)
    waitlist_join(product=paid_course, learner=waiting)

    # The learner cannot give a paid seat back by themselves.
    with pytest.raises(SeatsUnavailable):
        seat_cancel(seat=seat, by=holder)
    assert _stock(paid_course) == (1, 1, 0)

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        order_line_refund(
            line=payment.order.lines.get(),
            quantity=1,
            user=staff,
            reason="Cannot come",
        )

    assert WaitlistEntry.objects.get(learner=waiting).status == "offered"
    assert [m.to for m in mail.outbox][-1] == ["waiting@example.az"]
    assert _stock(paid_course) == (1, 0, 0)

    # Somebody else tries to buy the kept seat: refused before any money.
    start_checkout(other_client, [paid_course])
    response = place(other_client)
    assert response["Location"] == reverse("basket:summary")
    assert not CheckoutPayment.objects.filter(user__email="other@example.az").exists()
    assert _stock(paid_course) == (1, 0, 0)

    # The learner it was offered to buys it.
    buy(waiting_client, [paid_course])
    assert Seat.objects.get(learner=waiting).status == SeatStatus.ACTIVE
    assert WaitlistEntry.objects.get(learner=waiting).status == "enrolled"
    assert _stock(paid_course) == (1, 1, 0)


def test_an_unpaid_hold_that_runs_out_frees_the_seat_for_the_waitlist(
    paid_course, django_capture_on_commit_callbacks
):
    _payer, payer_client = _client("payer@example.az")
    waiting = UserFactory(email="waiting@example.az")
    start_checkout(payer_client, [paid_course])
    assert place(payer_client)["Location"] == reverse("checkout:pay")
    payment = CheckoutPayment.objects.get(user__email="payer@example.az")
    assert _stock(paid_course) == (1, 0, 1)
    waitlist_join(product=paid_course, learner=waiting)

    with django_capture_on_commit_callbacks(execute=True):
        checkout_release(payment=payment, reason="hold ran out")

    payment.refresh_from_db()
    assert payment.status == CheckoutStatus.RELEASED
    assert _stock(paid_course) == (1, 0, 0)
    assert WaitlistEntry.objects.get(learner=waiting).status == "offered"
