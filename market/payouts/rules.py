"""The money rules of the ledger, as pure functions on Decimal AZN amounts.

Kept apart from the models and services so that the rounding can be read (and
tested) in one place.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def cents(value: Decimal | None) -> Decimal:
    """A database sum as exact cents. SQLite adds decimals as floats (and
    Django gives them back with 15 significant digits): every aggregate of
    amounts goes through this before it is compared or stored."""
    if value is None:
        return ZERO
    return round_half_up(Decimal(value))


def round_half_up(amount: Decimal) -> Decimal:
    """Round to whole cents, halves away from zero (0.005 -> 0.01)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def commission_amount(
    *, gross: Decimal, percent: Decimal, minimum: Decimal | None
) -> Decimal:
    """The Centre's commission on one order line.

    `gross * percent / 100` rounded half up to cents, at least `minimum` (per
    line), and never more than the line itself: a resident is never charged
    more commission than the buyer paid.
    """
    commission = round_half_up(gross * percent / Decimal(100))
    commission = max(commission, minimum or ZERO)
    return min(commission, gross)


def commission_refund_amount(
    *,
    gross: Decimal,
    commission: Decimal,
    refunded_before: Decimal,
    refund: Decimal,
) -> Decimal:
    """The part of a line's commission returned to the resident by a refund.

    Prorated on the cumulative refunded amount, not on each refund alone:
    after refunds totalling R the Centre has returned exactly
    round_half_up(commission * R / gross). Rounding errors of successive
    partial refunds therefore never add up, the last refund (R == gross)
    returns exactly what is left, and a refund never returns more commission
    than the amount it refunds (so no refund raises a resident's balance).
    """
    if gross == 0:
        return ZERO
    refunded_after = refunded_before + refund
    if refunded_after == gross:
        returned_after = commission
    else:
        returned_after = round_half_up(commission * refunded_after / gross)
    returned_before = round_half_up(commission * refunded_before / gross)
    return returned_after - returned_before
