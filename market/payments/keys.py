"""Idempotency keys: one per business operation, so that retrying an operation
(a double click, a replayed webhook, a re-run command) sends Stripe the same
key and Stripe does the operation once."""

from .money import Money, to_minor_units


def checkout_intent(checkout_payment_id: int) -> str:
    return f"checkout-{checkout_payment_id}-intent"


def checkout_intent_amount(checkout_payment_id: int, amount: Money) -> str:
    return (
        f"checkout-{checkout_payment_id}-amount-{amount.currency}-"
        f"{to_minor_units(amount)}"
    )


def checkout_confirm(checkout_payment_id: int, payment_method: str) -> str:
    return f"checkout-{checkout_payment_id}-confirm-{payment_method}"


def checkout_unplaceable_refund(checkout_payment_id: int) -> str:
    return f"checkout-{checkout_payment_id}-unplaceable-refund"


def balance_intent(balance_payment_id: int) -> str:
    return f"balance-{balance_payment_id}-intent"


def balance_confirm(balance_payment_id: int, payment_method: str) -> str:
    return f"balance-{balance_payment_id}-confirm-{payment_method}"


def deposit_refund(balance_payment_id: int) -> str:
    # A deposit order cancelled with its balance unpaid: its deposit, once.
    return f"refund-deposit-{balance_payment_id}"


def line_refund(line_id: int, refunded_before: int, quantity: int) -> str:
    # Units already refunded are part of the key: refunding the same units
    # again sends the same key; refunding more units is a new operation.
    return f"refund-line-{line_id}-from-{refunded_before}-units-{quantity}"


def transfer_group(order_number: str) -> str:
    """Stripe's group for an order's charge and its residents' transfers
    (separate charges and transfers)."""
    return f"order-{order_number}"


def payout_transfer(payout_id: int, order_id: int) -> str:
    return f"payout-{payout_id}-order-{order_id}"


def transfer_reversal(refund_key: str, line_id: int, transfer_id: int) -> str:
    return f"refund-{refund_key}-line-{line_id}-transfer-{transfer_id}"


def parcel_shipping_refund(parcel_id: int) -> str:
    # A parcel's shipping is refunded once, whole.
    return f"refund-parcel-{parcel_id}-shipping"
