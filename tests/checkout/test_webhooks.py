"""Stripe webhooks: signatures, timestamps, and exactly-once effects."""

import hashlib
import hmac
import json
import random
import time
from functools import partial

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from oscar.apps.order.models import Order

from catalogue.kinds import PHYSICAL
from checkout.models import CheckoutPayment, CheckoutStatus
from market.alerts.models import AlertKind, AlertStatus, StaffAlert
from market.learning.models import Seat
from market.payments.models import StripeEvent
from market.payouts.models import LedgerEntry
from tests.stripe_fixtures import (
    WEBHOOK_SECRET,
    ensure_countries,
    pay,
    place,
    start_checkout,
)
from tests.threads import run_together

URL = "/stripe/webhook/"


def signed(event: dict, *, secret: str = WEBHOOK_SECRET, timestamp: int | None = None):
    payload = json.dumps(event).encode()
    timestamp = int(time.time()) if timestamp is None else timestamp
    signature = hmac.new(
        secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256
    ).hexdigest()
    return payload, f"t={timestamp},v1={signature}"


def post(client: Client, payload: bytes, header: str):
    return client.generic(
        "POST",
        URL,
        payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header,
    )


def event(event_id: str, event_type: str, intent_id: str) -> dict:
    return {
        "id": event_id,
        "type": event_type,
        "created": int(time.time()),
        "data": {"object": {"id": intent_id, "object": "payment_intent"}},
    }


@pytest.fixture
def webhook_settings(settings):
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    return settings


@pytest.mark.django_db
def test_a_signed_event_is_stored_once_and_a_replay_is_answered_200(webhook_settings):
    payload, header = signed(event("evt_1", "customer.created", "cus_1"))
    client = Client()

    first = post(client, payload, header)
    second = post(client, payload, header)

    assert (first.status_code, first.content) == (200, b"ok")
    assert (second.status_code, second.content) == (200, b"already processed")
    assert list(StripeEvent.objects.values_list("event_id", "type", "object_id")) == [
        ("evt_1", "customer.created", "cus_1")
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("case", "make"),
    [
        ("tampered body", lambda: _tampered_body()),
        (
            "wrong secret",
            lambda: signed(event("evt_2", "x", "y"), secret="whsec_other"),
        ),
        (
            "stale",
            lambda: signed(event("evt_2", "x", "y"), timestamp=int(time.time()) - 301),
        ),
        (
            "future",
            # A minute beyond the tolerance: the post may come a second later
            # on a busy machine, and +301 was then inside it.
            lambda: signed(event("evt_2", "x", "y"), timestamp=int(time.time()) + 360),
        ),
        ("no header", lambda: (json.dumps(event("evt_2", "x", "y")).encode(), "")),
        ("garbage header", lambda: (b"{}", "t=abc,v1=zz")),
    ],
)
def test_bad_signatures_and_timestamps_are_refused_with_400_and_no_write(
    webhook_settings, case, make
):
    payload, header = make()

    response = post(Client(), payload, header)

    assert response.status_code == 400, case
    assert StripeEvent.objects.count() == 0


def _tampered_body():
    payload, header = signed(event("evt_2", "payment_intent.succeeded", "pi_1"))
    return payload.replace(b"pi_1", b"pi_2"), header


@pytest.mark.django_db
def test_without_a_webhook_secret_every_event_is_refused(settings):
    settings.STRIPE_WEBHOOK_SECRET = ""
    payload, header = signed(event("evt_3", "x", "y"))

    assert post(Client(), payload, header).status_code == 400
    assert StripeEvent.objects.count() == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_payment_events_replayed_five_times_out_of_order_and_at_once_act_once(
    migration_rows,
    buyer,
    catalogue,
    rates,
    stripe_settings,
    django_capture_on_commit_callbacks,
):
    from catalogue.kinds import COURSE

    ensure_countries()
    course = catalogue[COURSE]
    course.stockrecords.update(price="25.00")
    client = Client()
    client.force_login(buyer)
    start_checkout(client, [course])
    place(client)
    payment = CheckoutPayment.objects.get()
    pay(payment)
    intent = payment.payment_intent_id
    deliveries = [
        signed(event(f"evt_{kind}", kind, intent))
        for kind in (
            "payment_intent.created",
            "payment_intent.succeeded",
            "charge.succeeded",
        )
    ] * 5
    random.Random(4).shuffle(deliveries)  # noqa: S311 - an order, not a secret
    statuses = run_together(
        [partial(lambda d: post(Client(), *d).status_code, d) for d in deliveries]
    )

    payment.refresh_from_db()
    assert sorted(statuses) == [200] * 15
    assert StripeEvent.objects.count() == 3
    assert payment.status == CheckoutStatus.PLACED
    assert Order.objects.count() == 1
    order = Order.objects.get()
    assert LedgerEntry.objects.filter(order=order).count() == 3
    assert Seat.objects.count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_localstripe_delivers_a_signed_webhook_that_places_the_order(
    migration_rows,
    live_server,
    buyer,
    catalogue,
    rates,
    stripe_settings,
    localstripe_url,
):
    """The buyer pays and never comes back: Stripe's own webhook places the
    order (localstripe signs and sends it over HTTP, about a second later)."""
    import urllib.parse
    import urllib.request

    from catalogue.kinds import COURSE

    hook = urllib.parse.urlencode(
        {"url": f"{live_server.url}/stripe/webhook/", "secret": WEBHOOK_SECRET}
    ).encode()
    urllib.request.urlopen(  # noqa: S310 - the test's own localstripe
        f"{localstripe_url}/_config/webhooks/test", data=hook, timeout=5
    )
    course = catalogue[COURSE]
    course.stockrecords.update(price="25.00")
    client = Client()
    client.force_login(buyer)
    start_checkout(client, [course])
    place(client)
    payment = CheckoutPayment.objects.get()

    try:
        pay(payment)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and not Order.objects.exists():
            time.sleep(0.2)
    finally:
        # localstripe cannot forget a webhook: point it at no event at all.
        mute = urllib.request.Request(  # noqa: S310 - the test's own localstripe
            f"{localstripe_url}/_config/webhooks/test",
            data=json.dumps(
                {
                    "url": f"{live_server.url}/stripe/webhook/",
                    "secret": WEBHOOK_SECRET,
                    "events": ["test.muted"],
                }
            ).encode(),
            headers={"Content-Type": "application/json"},
        )
        urllib.request.urlopen(mute, timeout=5)  # noqa: S310

    payment.refresh_from_db()
    assert payment.status == CheckoutStatus.PLACED
    assert Order.objects.count() == 1
    # (An earlier test's event may arrive too: localstripe sends a second later.)
    assert list(
        StripeEvent.objects.filter(object_id=payment.payment_intent_id).values_list(
            "type", flat=True
        )
    ) == ["payment_intent.succeeded"]


def _charge_event(event_id, event_type, obj):
    return {
        "id": event_id,
        "type": event_type,
        "created": int(time.time()),
        "data": {"object": obj},
    }


@pytest.fixture
def placed(buyer, catalogue, rates, stripe_settings):
    """A paid order: one carpet, 450.00 AZN charged as 264.69 USD."""
    from tests.stripe_fixtures import buy

    ensure_countries()
    client = Client()
    client.force_login(buyer)
    return buy(client, [catalogue[PHYSICAL]], currency="USD")


@pytest.mark.django_db
def test_a_refund_made_in_the_stripe_dashboard_alerts_staff(
    placed, settings, django_capture_on_commit_callbacks
):
    settings.MARKET_ALERT_EMAILS = ["staff@example.az"]
    known = _charge_event(
        "evt_r0",
        "charge.refunded",
        {
            "id": "ch_1",
            "payment_intent": placed.payment_intent_id,
            "amount_refunded": 0,
            "currency": "usd",
        },
    )
    outside = _charge_event(
        "evt_r1",
        "charge.refunded",
        {
            "id": "ch_1",
            "payment_intent": placed.payment_intent_id,
            "amount_refunded": 10000,
            "currency": "usd",
        },
    )

    with django_capture_on_commit_callbacks(execute=True):
        first = post(Client(), *signed(known))
    placed.refresh_from_db()
    assert first.status_code == 200
    assert placed.alerted_at is None
    with django_capture_on_commit_callbacks(execute=True):
        second = post(Client(), *signed(outside))

    placed.refresh_from_db()
    assert second.status_code == 200
    assert placed.alerted_at is not None
    assert placed.status == CheckoutStatus.PLACED
    assert "Stripe refunded 100.00 USD in all; the shop recorded 0.00 USD." in (
        placed.problem
    )
    assert [m.to for m in mail.outbox[-1:]] == [["staff@example.az"]]
    alert = StaffAlert.objects.get()
    assert (alert.kind, alert.status, alert.occurrences) == (
        AlertKind.REFUND_OUTSIDE_SHOP,
        AlertStatus.OPEN,
        1,
    )
    assert alert.link == reverse("payments_order", args=[placed.order.number])


@pytest.mark.django_db
def test_a_dispute_alerts_staff_once(
    placed, settings, django_capture_on_commit_callbacks
):
    settings.MARKET_ALERT_EMAILS = ["staff@example.az"]
    dispute = _charge_event(
        "evt_d1",
        "charge.dispute.created",
        {
            "id": "dp_1",
            "payment_intent": placed.payment_intent_id,
            "amount": 26469,
            "currency": "usd",
            "reason": "product_not_received",
        },
    )
    sent_before = len(mail.outbox)

    with django_capture_on_commit_callbacks(execute=True):
        responses = [post(Client(), *signed(dispute)) for _replay in range(3)]

    placed.refresh_from_db()
    assert [r.status_code for r in responses] == [200, 200, 200]
    assert placed.problem == (
        "The buyer disputed 264.69 USD (product_not_received). "
        "Answer in the Stripe dashboard before its deadline."
    )
    assert [
        m.to for m in mail.outbox[sent_before:] if m.to == ["staff@example.az"]
    ] == [["staff@example.az"]]
    alert = StaffAlert.objects.get()
    assert (alert.kind, alert.occurrences) == (AlertKind.DISPUTE, 1)
