"""Prices in the buyer's currency, by the one rounding rule of
market.currencies.money."""

from decimal import Decimal

from django import template
from django.conf import settings
from django.utils import formats

from market.payments.money import DECIMAL_PLACES, quantize

from ..money import convert
from ..selectors import buyer_currency, buyer_currency_and_rate

register = template.Library()


def format_money(amount: Decimal, currency: str) -> str:
    """`12.34 USD` (`12,34 USD` in Azerbaijani and Russian): rounded half up
    to the currency's cents, in the active language's number format, with the
    currency's code."""
    amount = quantize(amount, currency)
    number = formats.number_format(amount, DECIMAL_PLACES[currency], use_l10n=True)
    return f"{number} {currency}"


def _as_decimal(amount) -> Decimal | None:
    if amount is None or amount == "":
        return None
    if isinstance(amount, float) or isinstance(amount, bool):
        raise TypeError(f"Money must be a Decimal, not {type(amount).__name__}.")
    if isinstance(amount, int):
        return Decimal(amount)
    if not isinstance(amount, Decimal):
        raise TypeError(f"Money must be a Decimal, not {type(amount).__name__}.")
    return amount


@register.simple_tag(takes_context=True)
def buyer_price(context, amount) -> str:
    """An AZN amount in the buyer's currency, e.g. `12.34 USD` (AZN when the
    buyer's rate is unavailable)."""
    amount = _as_decimal(amount)
    if amount is None:
        return ""
    currency, rate = buyer_currency_and_rate(context.get("request"))
    return format_money(convert(amount, rate=rate, currency=currency), currency)


@register.filter
def money(amount, currency: str) -> str:
    """`{{ amount|money:"USD" }}`: a Decimal already in `currency`, formatted
    with its code."""
    amount = _as_decimal(amount)
    if amount is None:
        return ""
    return format_money(amount, currency)


@register.inclusion_tag("market/currencies/switcher.html", takes_context=True)
def currency_switcher(context) -> dict:
    """The header's form choosing the buyer's currency; comes back to this page."""
    request = context.get("request")
    current = buyer_currency(request) if request is not None else None
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "buyer_currency": current or settings.MARKET_BASE_CURRENCY,
        "currencies": list(settings.MARKET_CURRENCIES),
        "next": request.get_full_path() if request is not None else "/",
    }
