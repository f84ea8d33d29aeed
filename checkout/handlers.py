"""Stripe webhook events the checkout acts on. Each runs inside the event's
transaction (see market.payments.webhooks), so a replay does nothing."""

from market.alerts.models import AlertKind
from market.payments import webhooks
from market.payments.money import DECIMAL_PLACES, from_minor_units

from .services import (
    FulfilmentPostponed,
    charge_refunded,
    checkout_alert_staff,
    checkout_fulfil,
)
from .services.balance import balance_fulfil


def _amount(data: dict, name: str):
    """The amount in `data[name]` (minor units) in `data["currency"]`;
    MalformedEvent for a missing, negative or unknown one."""
    minor = webhooks.field(data, name, int)
    currency = webhooks.field(data, "currency", str).upper()
    if minor < 0 or currency not in DECIMAL_PLACES:
        raise webhooks.MalformedEvent(f"bad amount {minor} {currency[:10]!r}")
    return from_minor_units(minor, currency)


@webhooks.register("payment_intent.succeeded")
def payment_intent_succeeded(intent: dict) -> None:
    intent_id = webhooks.field(intent, "id", str)
    try:
        if checkout_fulfil(intent_id=intent_id) is None:
            # Not a checkout: the balance of an order paid with a deposit?
            balance_fulfil(intent_id=intent_id)
    except FulfilmentPostponed as error:
        # Not recorded as handled: Stripe sends it again later.
        raise webhooks.RetryLater(str(error)) from error


@webhooks.register("charge.refunded")
def charge_refunded_event(charge: dict) -> None:
    if charge.get("payment_intent"):
        charge_refunded(
            intent_id=webhooks.field(charge, "payment_intent", str),
            amount_refunded=_amount(charge, "amount_refunded"),
        )


@webhooks.register("charge.dispute.created")
def dispute_created(dispute: dict) -> None:
    if dispute.get("payment_intent"):
        amount = _amount(dispute, "amount")
        checkout_alert_staff(
            intent_id=webhooks.field(dispute, "payment_intent", str),
            kind=AlertKind.DISPUTE,
            message=(
                f"The buyer disputed {amount} ({dispute.get('reason', 'no reason')}). "
                "Answer in the Stripe dashboard before its deadline."
            ),
        )
