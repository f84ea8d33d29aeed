"""A correctly signed Stripe event without the fields its handler needs (or
with fields of the wrong type) is answered 400 with a logged reason, and
changes nothing: no event recorded, no alert, no refund, no order."""

import logging
import time

import pytest
from django.test import Client
from oscar.apps.order.models import Order

from market.alerts.models import StaffAlert
from market.payments.models import StripeEvent
from market.payouts.models import LedgerEntry
from tests.checkout.test_webhooks import post, signed
from tests.stripe_fixtures import WEBHOOK_SECRET

pytestmark = pytest.mark.django_db

NOW = int(time.time())


def _event(event_type="payment_intent.succeeded", **changes):
    event = {
        "id": "evt_shape",
        "type": event_type,
        "created": NOW,
        "data": {"object": {"id": "pi_1", "object": "payment_intent"}},
    }
    event.update(changes)
    return event


def _charge(**fields):
    charge = {
        "id": "ch_1",
        "object": "charge",
        "payment_intent": "pi_1",
        "amount_refunded": 500,
        "currency": "azn",
    }
    charge.update(fields)
    return charge


SHAPES = {
    "no data": {k: v for k, v in _event().items() if k != "data"},
    "data is a list": _event(data=[1, 2]),
    "no data.object": _event(data={}),
    "data.object is a string": _event(data={"object": "pi_1"}),
    "no event id": {k: v for k, v in _event().items() if k != "id"},
    "event id is a number": _event(id=42),
    "event id is empty": _event(id=""),
    "type is a list": _event(type=["payment_intent.succeeded"]),
    "created is a string": _event(created="yesterday"),
    "object id is a number": _event(data={"object": {"id": 7}}),
    "intent without id": _event(data={"object": {"object": "payment_intent"}}),
    "refund without currency": _event(
        "charge.refunded", data={"object": _charge(currency=None)}
    ),
    "refund amount is a string": _event(
        "charge.refunded", data={"object": _charge(amount_refunded="500")}
    ),
    "refund amount is negative": _event(
        "charge.refunded", data={"object": _charge(amount_refunded=-5)}
    ),
    "refund in an unknown currency": _event(
        "charge.refunded", data={"object": _charge(currency="xyz")}
    ),
    "refund intent is a number": _event(
        "charge.refunded", data={"object": _charge(payment_intent=5)}
    ),
    "dispute without amount": _event(
        "charge.dispute.created",
        data={"object": {"id": "dp_1", "payment_intent": "pi_1", "currency": "azn"}},
    ),
    "dispute amount is a boolean": _event(
        "charge.dispute.created",
        data={
            "object": {
                "id": "dp_1",
                "payment_intent": "pi_1",
                "currency": "azn",
                "amount": True,
            }
        },
    ),
}


@pytest.fixture
def webhook_settings(settings):
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    return settings


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_signed_event_of_the_wrong_shape_is_refused_and_changes_nothing(
    webhook_settings, caplog, shape
):
    payload, header = signed(SHAPES[shape])

    with caplog.at_level(logging.WARNING, logger="market.payments.webhooks"):
        response = post(Client(), payload, header)

    assert (response.status_code, response.content) == (400, b"invalid webhook")
    assert StripeEvent.objects.count() == 0
    assert StaffAlert.objects.count() == 0
    assert LedgerEntry.objects.count() == 0
    assert Order.objects.count() == 0
    logger = "market.payments.webhooks"
    reasons = [r.getMessage() for r in caplog.records if r.name == logger]
    assert len(reasons) == 1
    assert reasons[0].startswith("Refused")


def test_a_well_formed_event_still_passes(webhook_settings):
    payload, header = signed(_event("customer.created"))

    response = post(Client(), payload, header)

    assert (response.status_code, response.content) == (200, b"ok")
    assert list(StripeEvent.objects.values_list("event_id", "object_id")) == [
        ("evt_shape", "pi_1")
    ]
