"""Every call this project makes to Stripe goes through this module.

Each function is one business operation with an idempotency key the caller
derives from that operation (see `keys`), and a timeout: short on the buyer's
path (`STRIPE_CHECKOUT_TIMEOUT`), longer for staff and background work. Amounts
cross this boundary as `Money` (Decimal and currency) and become Stripe's
minor units only in `money.to_minor_units`.

Only this package imports `stripe`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import stripe
from django.conf import settings

from .money import Money, from_minor_units, to_minor_units

logger = logging.getLogger(__name__)


class PaymentsNotConfigured(Exception):
    """No Stripe secret key is set: the embedded default."""


class PaymentProviderError(Exception):
    """Stripe refused the request or could not be reached. `message` is safe to
    show to the person who asked."""

    def __init__(self, message: str, *, code: str = "", retryable: bool = False):
        super().__init__(message)
        self.message = message
        self.code = code
        self.retryable = retryable


def is_configured() -> bool:
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_PUBLISHABLE_KEY)


@dataclass(frozen=True)
class Intent:
    """What the checkout needs to know about a PaymentIntent."""

    id: str
    status: str
    amount: Money
    client_secret: str
    amount_received: Money
    next_action: bool

    @property
    def succeeded(self) -> bool:
        return self.status == "succeeded"


@dataclass(frozen=True)
class RefundResult:
    id: str
    status: str
    amount: Money


@dataclass(frozen=True)
class TransferResult:
    id: str
    amount: Money
    destination: str
    transfer_group: str


def _client(*, timeout: float) -> stripe.StripeClient:
    if not settings.STRIPE_SECRET_KEY:
        raise PaymentsNotConfigured
    options = {
        "http_client": stripe.RequestsClient(timeout=timeout),
        # Retrying is safe (idempotency keys) but belongs to the caller: the
        # buyer's path must answer quickly.
        "max_network_retries": 0,
    }
    if settings.STRIPE_API_BASE:
        options["base_addresses"] = {"api": settings.STRIPE_API_BASE}
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, **options)


def _intent(obj) -> Intent:
    data = obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)
    currency = data["currency"].upper()
    received = data.get("amount_received")
    if received is None:
        # localstripe leaves amount_received out; its charge has the amount.
        charge = data.get("latest_charge")
        paid = isinstance(charge, dict) and charge.get("status") == "succeeded"
        received = charge.get("amount", 0) if paid and charge.get("captured") else 0
    return Intent(
        id=data["id"],
        status=data["status"],
        amount=from_minor_units(data["amount"], currency),
        amount_received=from_minor_units(received, currency),
        client_secret=data.get("client_secret") or "",
        next_action=bool(data.get("next_action")),
    )


def _call(operation: str, function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except stripe.CardError as error:
        raise PaymentProviderError(
            error.user_message or str(error), code=error.code or "card_error"
        ) from error
    except (stripe.APIConnectionError, stripe.RateLimitError) as error:
        logger.warning("Stripe unreachable during %s: %s", operation, error)
        raise PaymentProviderError(
            "The payment provider could not be reached.", retryable=True
        ) from error
    except stripe.StripeError as error:
        logger.warning("Stripe refused %s: %s", operation, error)
        raise PaymentProviderError(
            str(getattr(error, "user_message", "") or error),
            code=getattr(error, "code", "") or "",
            retryable=getattr(error, "http_status", 0) in (None, 0, 500, 502, 503),
        ) from error


def payment_intent_params(
    *, amount: Money, transfer_group: str, metadata: dict[str, str]
) -> dict:
    params = {
        "amount": to_minor_units(amount),
        "currency": amount.currency.lower(),
        "payment_method_types": ["card"],
        "metadata": {**metadata, "transfer_group": transfer_group},
    }
    # Separate charges and transfers: the charge and the residents' transfers
    # share a group. localstripe (the only reason to set STRIPE_API_BASE)
    # rejects the parameter, so it is sent to Stripe itself only.
    if not settings.STRIPE_API_BASE:
        params["transfer_group"] = transfer_group
    return params


def payment_intent_create(
    *,
    amount: Money,
    idempotency_key: str,
    transfer_group: str,
    metadata: dict[str, str],
) -> Intent:
    """One PaymentIntent for one checkout (card payments, automatic capture)."""
    client = _client(timeout=settings.STRIPE_CHECKOUT_TIMEOUT)
    obj = _call(
        "payment_intent_create",
        client.v1.payment_intents.create,
        params=payment_intent_params(
            amount=amount, transfer_group=transfer_group, metadata=metadata
        ),
        options={"idempotency_key": idempotency_key},
    )
    return _intent(obj)


def payment_intent_update_amount(
    *, intent_id: str, amount: Money, idempotency_key: str
) -> Intent:
    """Change the amount of a PaymentIntent not yet paid (same checkout,
    a new hold after the first one expired, or another currency)."""
    client = _client(timeout=settings.STRIPE_CHECKOUT_TIMEOUT)
    obj = _call(
        "payment_intent_update_amount",
        client.v1.payment_intents.update,
        intent_id,
        params={"amount": to_minor_units(amount), "currency": amount.currency.lower()},
        options={"idempotency_key": idempotency_key},
    )
    return _intent(obj)


def payment_intent_retrieve(*, intent_id: str, timeout: float | None = None) -> Intent:
    client = _client(timeout=timeout or settings.STRIPE_CHECKOUT_TIMEOUT)
    return _intent(
        _call("payment_intent_retrieve", client.v1.payment_intents.retrieve, intent_id)
    )


def payment_intent_confirm(
    *, intent_id: str, payment_method: str, idempotency_key: str
) -> Intent:
    """Confirm on the server with a payment method the browser created with
    Stripe.js (card data never reaches us). Used where the page cannot confirm
    by itself; the Payment Element confirms in the browser."""
    client = _client(timeout=settings.STRIPE_CHECKOUT_TIMEOUT)
    _call(
        "payment_intent_attach",
        client.v1.payment_intents.update,
        intent_id,
        params={"payment_method": payment_method},
        options={"idempotency_key": f"{idempotency_key}-attach"},
    )
    obj = _call(
        "payment_intent_confirm",
        client.v1.payment_intents.confirm,
        intent_id,
        options={"idempotency_key": f"{idempotency_key}-confirm"},
    )
    return _intent(obj)


def refund_create(
    *, intent_id: str, amount: Money, idempotency_key: str, metadata: dict[str, str]
) -> RefundResult:
    """Refund part or all of a PaymentIntent's charge, in its currency."""
    client = _client(timeout=settings.STRIPE_BACKGROUND_TIMEOUT)
    obj = _call(
        "refund_create",
        client.v1.refunds.create,
        params={
            "payment_intent": intent_id,
            "amount": to_minor_units(amount),
            "metadata": metadata,
        },
        options={"idempotency_key": idempotency_key},
    )
    data = obj.to_dict()
    return RefundResult(
        id=data["id"],
        status=data["status"],
        amount=from_minor_units(data["amount"], data["currency"].upper()),
    )


def transfer_create(
    *,
    amount: Money,
    destination: str,
    transfer_group: str,
    idempotency_key: str,
    metadata: dict[str, str],
) -> TransferResult:
    """Stripe Connect: move a resident's share to their connected account
    (separate charges and transfers; one transfer group per order)."""
    client = _client(timeout=settings.STRIPE_BACKGROUND_TIMEOUT)
    obj = _call(
        "transfer_create",
        client.v1.transfers.create,
        params={
            "amount": to_minor_units(amount),
            "currency": amount.currency.lower(),
            "destination": destination,
            "transfer_group": transfer_group,
            "metadata": metadata,
        },
        options={"idempotency_key": idempotency_key},
    )
    data = obj.to_dict()
    return TransferResult(
        id=data["id"],
        amount=from_minor_units(data["amount"], data["currency"].upper()),
        destination=data["destination"],
        transfer_group=data.get("transfer_group") or "",
    )


def transfer_reverse(*, transfer_id: str, amount: Money, idempotency_key: str) -> Money:
    """Stripe Connect: take back part of a transfer (a refund after payout).
    Returns the amount reversed."""
    client = _client(timeout=settings.STRIPE_BACKGROUND_TIMEOUT)
    obj = _call(
        "transfer_reverse",
        client.v1.transfers.reversals.create,
        transfer_id,
        params={"amount": to_minor_units(amount)},
        options={"idempotency_key": idempotency_key},
    )
    data = obj.to_dict()
    return from_minor_units(data["amount"], data["currency"].upper())


__all__ = [
    "Intent",
    "PaymentProviderError",
    "PaymentsNotConfigured",
    "RefundResult",
    "TransferResult",
    "is_configured",
    "payment_intent_confirm",
    "payment_intent_create",
    "payment_intent_params",
    "payment_intent_retrieve",
    "payment_intent_update_amount",
    "refund_create",
    "transfer_create",
    "transfer_reverse",
]
