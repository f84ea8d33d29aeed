"""Money: a Decimal amount with its currency, and the one place where it
becomes Stripe's integer minor units."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

# Currencies we charge in, with their number of decimal places. Stripe counts
# AZN, USD and EUR in hundredths.
DECIMAL_PLACES = {"AZN": 2, "USD": 2, "EUR": 2}


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str

    def __post_init__(self):
        if not isinstance(self.amount, Decimal):
            raise TypeError(f"Money needs a Decimal amount, not {type(self.amount)!r}.")
        if self.currency not in DECIMAL_PLACES:
            raise ValueError(f"Unsupported currency {self.currency!r}.")

    def __str__(self) -> str:
        return f"{self.amount:.{DECIMAL_PLACES[self.currency]}f} {self.currency}"


def quantize(amount: Decimal, currency: str) -> Decimal:
    """Round half up to the currency's smallest unit."""
    exponent = Decimal(1).scaleb(-DECIMAL_PLACES[currency])
    return amount.quantize(exponent, rounding=ROUND_HALF_UP)


def to_minor_units(money: Money) -> int:
    """Stripe's integer amount. Refuses amounts finer than a cent rather than
    rounding them silently: rounding is the caller's decision."""
    places = DECIMAL_PLACES[money.currency]
    minor = money.amount.scaleb(places)
    if minor != minor.to_integral_value():
        raise ValueError(f"{money.amount} {money.currency} has fractions of a cent.")
    return int(minor)


def from_minor_units(minor: int, currency: str) -> Money:
    return Money(Decimal(int(minor)).scaleb(-DECIMAL_PLACES[currency]), currency)
