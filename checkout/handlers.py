"""Stripe webhook events the checkout acts on. Each runs inside the event's
transaction (see market.payments.webhooks), so a replay does nothing."""

from market.alerts.models import AlertKind
from market.payments import webhooks
from market.payments.money import from_minor_units

from .services import (
    FulfilmentPostponed,
    charge_refunded,
    checkout_alert_staff,
    checkout_fulfil,
)


@webhooks.register("payment_intent.succeeded")
def payment_intent_succeeded(intent: dict) -> None:
    try:
        checkout_fulfil(intent_id=intent["id"])
    except FulfilmentPostponed as error:
        # Not recorded as handled: Stripe sends it again later.
        raise webhooks.RetryLater(str(error)) from error


@webhooks.register("charge.refunded")
def charge_refunded_event(charge: dict) -> None:
    if charge.get("payment_intent"):
        charge_refunded(
            intent_id=charge["payment_intent"],
            amount_refunded=from_minor_units(
                charge.get("amount_refunded") or 0, charge["currency"].upper()
            ),
        )


@webhooks.register("charge.dispute.created")
def dispute_created(dispute: dict) -> None:
    if dispute.get("payment_intent"):
        amount = from_minor_units(
            dispute.get("amount") or 0, dispute["currency"].upper()
        )
        checkout_alert_staff(
            intent_id=dispute["payment_intent"],
            kind=AlertKind.DISPUTE,
            message=(
                f"The buyer disputed {amount} ({dispute.get('reason', 'no reason')}). "
                "Answer in the Stripe dashboard before its deadline."
            ),
        )
