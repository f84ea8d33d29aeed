"""What a recipient abroad may pay on delivery: an estimate from the staff's
table of import charges (ImportCharges), shown before paying.

The rule, in order:

1. The home country: nothing to say (None).
2. A country without a row: only that charges may apply (``known`` False).
3. The consignment's value is the goods and the shipping, each converted
   from AZN into the row's currency by the one rounding rule
   (market.currencies.money). Under ``free_under``: nothing expected.
4. Otherwise ``tax_percent`` of that value plus the clearance fee, in the
   row's currency, then expressed in the buyer's currency (through AZN when
   the two differ) and rounded half up to its cents, once, at the end.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from market.currencies.money import convert
from market.currencies.selectors import RateUnavailable, rate_for
from market.payments.money import quantize

from .countries import country_name
from .models import ImportCharges

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class DutiesEstimate:
    """An estimate for one destination. ``amount`` is in ``currency`` (the
    buyer's); it is None when ``known`` is False (no row, or no fresh rate
    to compute with), and 0 when ``below_threshold``."""

    country: str
    known: bool
    currency: str
    tax_name: str = ""
    percent: Decimal | None = None
    amount: Decimal | None = None
    checked_on: datetime.date | None = None
    below_threshold: bool = False

    @property
    def country_name(self) -> str:
        """The destination by name, in the active language."""
        return country_name(self.country)


def _require_decimal(name: str, value) -> None:
    if isinstance(value, float) or not isinstance(value, Decimal):
        raise TypeError(f"{name} must be a Decimal, not {type(value).__name__}.")


def duties_estimate(
    *, country: str, goods: Decimal, shipping: Decimal, currency: str, rate: Decimal
) -> DutiesEstimate | None:
    """The import charges a recipient in `country` may pay for an order of
    `goods` and `shipping` (both AZN), in the buyer's `currency` at `rate`
    (units of it for 1 AZN). None for the home country."""
    for name, value in (("goods", goods), ("shipping", shipping), ("rate", rate)):
        _require_decimal(name, value)
    if country == settings.MARKET_HOME_COUNTRY:
        return None
    charges = ImportCharges.objects.filter(country=country).first()
    if charges is None:
        return DutiesEstimate(country=country, known=False, currency=currency)
    try:
        row_rate = (
            rate
            if charges.currency == currency
            else rate_for(currency=charges.currency)
        )
    except RateUnavailable:
        # No fresh rate to compare with the threshold: say only that charges
        # may apply rather than guess.
        return DutiesEstimate(
            country=country,
            known=False,
            currency=currency,
            tax_name=charges.tax_name,
            percent=charges.tax_percent,
            checked_on=charges.checked_on,
        )
    value = convert(goods, rate=row_rate, currency=charges.currency) + convert(
        shipping, rate=row_rate, currency=charges.currency
    )
    known = {
        "country": country,
        "known": True,
        "currency": currency,
        "tax_name": charges.tax_name,
        "percent": charges.tax_percent,
        "checked_on": charges.checked_on,
    }
    if value < charges.free_under:
        return DutiesEstimate(
            **known, amount=quantize(Decimal(0), currency), below_threshold=True
        )
    due = value * charges.tax_percent / HUNDRED + charges.clearance_fee
    if charges.currency == currency:
        amount = quantize(due, currency)
    else:
        # Back to AZN, unrounded, then into the buyer's currency by the rule.
        amount = convert(due / row_rate, rate=rate, currency=currency)
    return DutiesEstimate(**known, amount=amount)
