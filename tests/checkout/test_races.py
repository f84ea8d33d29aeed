"""Fifty buyers press "Pay" at the same moment for three units (and for the
last seat of a course): PostgreSQL, real threads, real HTTP to localstripe."""

from collections import Counter
from functools import partial

import pytest
from django.test import Client
from django.urls import reverse
from oscar.apps.order.models import Order
from oscar.apps.partner.models import StockRecord

from catalogue.kinds import COURSE, PHYSICAL
from checkout.models import CheckoutPayment, CheckoutStatus
from market.learning.models import Seat
from tests.factories import UserFactory
from tests.stripe_fixtures import ensure_countries, pay, place, start_checkout
from tests.threads import run_in_threads, run_together

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BUYERS = 50


def _race(product, units: int):
    StockRecord.objects.filter(product=product).update(num_in_stock=units)
    clients = []
    for number in range(BUYERS):
        client = Client()
        client.force_login(UserFactory(email=f"racer{number}@example.az"))
        start_checkout(client, [product])
        clients.append(client)

    def buy(client):
        response = place(client)
        return (response.status_code, response.get("Location"))

    outcomes = run_together([partial(buy, client) for client in clients])
    return clients, outcomes


def _pay_all(clients, outcomes):
    for client, outcome in zip(clients, outcomes, strict=True):
        if outcome[1] != reverse("checkout:pay"):
            continue
        payment = CheckoutPayment.objects.get(user=client.session["_auth_user_id"])
        pay(payment)
        response = client.get(
            reverse("checkout:return"), {"payment_intent": payment.payment_intent_id}
        )
        assert response["Location"] == reverse("checkout:thank-you")


def test_fifty_buyers_race_for_three_carpets(
    migration_rows, catalogue, rates, stripe_settings
):
    ensure_countries()
    carpet = catalogue[PHYSICAL]

    clients, outcomes = _race(carpet, units=3)
    _pay_all(clients, outcomes)

    assert Counter(outcomes) == Counter(
        {
            (302, reverse("checkout:pay")): 3,
            (302, reverse("basket:summary")): 47,
        }
    )
    record = StockRecord.objects.get(product=carpet)
    assert (record.num_in_stock, record.num_allocated) == (3, 3)
    assert Order.objects.count() == 3
    assert CheckoutPayment.objects.filter(status=CheckoutStatus.PLACED).count() == 3
    # The 47 refused buyers left nothing behind: no hold, no PaymentIntent.
    assert CheckoutPayment.objects.count() == 3
    assert (
        sum(
            line.quantity for order in Order.objects.all() for line in order.lines.all()
        )
        == 3
    )


def test_fifty_learners_race_for_the_last_seat(
    migration_rows, catalogue, rates, stripe_settings
):
    course = catalogue[COURSE]
    course.stockrecords.update(price="25.00")

    clients, outcomes = _race(course, units=1)
    _pay_all(clients, outcomes)

    assert Counter(outcomes) == Counter(
        {
            (302, reverse("checkout:pay")): 1,
            (302, reverse("basket:summary")): 49,
        }
    )
    record = StockRecord.objects.get(product=course)
    assert (record.num_in_stock, record.num_allocated) == (1, 1)
    assert Order.objects.count() == 1
    assert Seat.objects.count() == 1
    assert CheckoutPayment.objects.count() == 1


def test_the_return_url_hit_twenty_times_at_once_places_one_order(
    migration_rows, buyer, catalogue, rates, stripe_settings
):
    from django.core import mail

    course = catalogue[COURSE]
    course.stockrecords.update(price="25.00")
    client = Client()
    client.force_login(buyer)
    start_checkout(client, [course])
    place(client)
    payment = CheckoutPayment.objects.get()
    pay(payment)

    def come_back():
        tab = Client()  # another tab of the same signed-in buyer
        tab.cookies = client.cookies
        response = tab.get(
            reverse("checkout:return"), {"payment_intent": payment.payment_intent_id}
        )
        return (response.status_code, response["Location"])

    statuses = run_in_threads(20, come_back)

    assert statuses == [(302, reverse("checkout:thank-you"))] * 20
    assert Order.objects.count() == 1
    assert Seat.objects.count() == 1
    assert len(mail.outbox) == 1
