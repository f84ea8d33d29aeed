"""THE money formatter: every amount a person reads goes through `format_money`.

Babel formats with the active language's CLDR currency pattern ("$12.34" in
English, "12,34 $" in Russian, "12,34 ₼" in Azerbaijani), after the amount is
rounded ROUND_HALF_UP to the currency's cents by the shop's own rule
(market.payments.money.quantize; Babel alone would round half to even). The
manat is always written with its sign ₼ (CLDR's English and Russian data
spell it "AZN"); the design's web font has the glyph.
"""

from __future__ import annotations

from decimal import Decimal

from babel import Locale
from babel.numbers import format_currency, get_currency_symbol
from django.conf import settings
from django.utils.translation import get_language, to_locale

from market.payments.money import DECIMAL_PLACES, quantize

MANAT_SIGN = "₼"
BASE_CURRENCY = "AZN"


def _locale(language: str | None) -> str:
    return to_locale(language or get_language() or settings.LANGUAGE_CODE)


def format_money(
    amount: Decimal, currency: str, *, language: str | None = None, whole: bool = False
) -> str:
    """`amount` (already in `currency`) as the active language (or `language`)
    writes money: rounded half up to the currency's cents, CLDR's pattern and
    grouping, ₼ for the manat. Floats are refused. `whole` drops the cents
    of a whole amount (price bands: "Under ₼25")."""
    if isinstance(amount, float) or isinstance(amount, bool):
        raise TypeError(f"Money must be a Decimal, not {type(amount).__name__}.")
    if isinstance(amount, int):
        amount = Decimal(amount)
    if not isinstance(amount, Decimal):
        raise TypeError(f"Money must be a Decimal, not {type(amount).__name__}.")
    if currency not in DECIMAL_PLACES:
        raise ValueError(f"Unsupported currency {currency!r}.")
    locale = _locale(language)
    amount = quantize(amount, currency)
    if amount == 0:
        amount = abs(amount)  # no "-0,00"
    if whole and amount == amount.to_integral_value():
        standard = Locale.parse(locale).currency_formats["standard"].pattern
        pattern = standard.replace(".00", "")
        text = format_currency(
            amount, currency, format=pattern, locale=locale, currency_digits=False
        )
    else:
        text = format_currency(amount, currency, locale=locale, currency_digits=True)
    if currency == BASE_CURRENCY:
        symbol = get_currency_symbol(currency, locale=locale)
        if symbol != MANAT_SIGN:
            text = text.replace(symbol, MANAT_SIGN)
    return text
