"""Stripe webhook events the checkout acts on. Each runs inside the event's
transaction (see market.payments.webhooks), so a replay does nothing."""

from market.payments import webhooks

from .services import checkout_fulfil


@webhooks.register("payment_intent.succeeded")
def payment_intent_succeeded(intent: dict) -> None:
    checkout_fulfil(intent_id=intent["id"])
