"""Converting AZN prices into the buyer's currency: THE rounding rule.

Residents price in AZN. A buyer who pays in USD or EUR sees, and is charged,
amounts converted by one rule, used everywhere (listings, basket, checkout,
charge):

1. A **unit price** is converted on its own: ``amount * rate`` (rate = units of
   the currency for 1 AZN), rounded ROUND_HALF_UP to the currency's cents
   (``market.payments.money.quantize``). 0.625 becomes 0.63; 0.49997 becomes
   0.50.
2. A **line** is the converted unit price times the quantity, never the
   rounded product of the whole AZN line: 3 x 15.00 AZN at 0.5882 is
   3 x 8.82 = 26.46 USD (not round(45.00 x 0.5882) = 26.47). So every line
   the buyer sees is exactly unit x quantity.
3. An **order total** (what is charged) is the sum of its converted lines.

AZN to AZN is the identity (rate 1, amounts only quantized to cents).
Floats are refused: money is Decimal from end to end.
"""

from __future__ import annotations

from decimal import Decimal

from market.payments.money import DECIMAL_PLACES, quantize

BASE_CURRENCY = "AZN"


def _require_decimal(name: str, value) -> None:
    if isinstance(value, float) or not isinstance(value, Decimal):
        raise TypeError(f"{name} must be a Decimal, not {type(value).__name__}.")


def convert(amount: Decimal, *, rate: Decimal, currency: str) -> Decimal:
    """`amount` AZN in `currency`, rounded half up to the currency's cents."""
    _require_decimal("amount", amount)
    _require_decimal("rate", rate)
    if currency not in DECIMAL_PLACES:
        raise ValueError(f"Unsupported currency {currency!r}.")
    if currency == BASE_CURRENCY:
        if rate != 1:
            raise ValueError(f"The rate from AZN to AZN is 1, not {rate}.")
        return quantize(amount, currency)
    if rate <= 0:
        raise ValueError(f"Exchange rates are positive, not {rate}.")
    return quantize(amount * rate, currency)


def convert_line(
    *, unit_price: Decimal, quantity: int, rate: Decimal, currency: str
) -> Decimal:
    """A line in `currency`: the converted unit price times the quantity."""
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        raise TypeError(f"quantity must be an int, not {type(quantity).__name__}.")
    if quantity < 0:
        raise ValueError(f"quantity must not be negative, not {quantity}.")
    return convert(unit_price, rate=rate, currency=currency) * quantity
