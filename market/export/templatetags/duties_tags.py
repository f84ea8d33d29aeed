"""The import charges a recipient abroad may pay, as a notice before paying."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from market.currencies.selectors import buyer_currency_and_rate
from market.currencies.templatetags.currency_tags import format_money

from ..duties import duties_estimate

register = template.Library()

# The tax names staff usually type, said in the visitor's language; any other
# name is shown as typed.
TAX_NAMES = {
    "VAT": _("VAT"),
    "GST": _("GST"),
    "DUTY": _("duty"),
    "SALES TAX": _("sales tax"),
}


def tax_label(name: str) -> str:
    """ "VAT" in the active language ("ƏDV", "НДС" once translated)."""
    return str(TAX_NAMES.get(name.strip().upper(), name))


def format_percent(percent: Decimal) -> str:
    """19.00 → "19", 25.50 → "25.5" ("25,5" in Azerbaijani and Russian)."""
    normal = percent.normalize()
    places = max(0, -normal.as_tuple().exponent)
    return formats.number_format(normal, places, use_l10n=True)


def _as_decimal(name: str, value) -> Decimal:
    if isinstance(value, bool) or isinstance(value, float):
        raise TypeError(f"{name} must be a Decimal, not {type(value).__name__}.")
    if isinstance(value, int):
        return Decimal(value)
    if not isinstance(value, Decimal):
        raise TypeError(f"{name} must be a Decimal, not {type(value).__name__}.")
    return value


@register.inclusion_tag("market/export/duties_notice.html", takes_context=True)
def duties_notice(context, country, goods, shipping) -> dict:
    """`{% duties_notice country goods shipping %}` (goods and shipping in
    AZN): what the recipient may pay on delivery, in the buyer's currency;
    nothing for the home country."""
    currency, rate = buyer_currency_and_rate(context.get("request"))
    estimate = (
        duties_estimate(
            country=country,
            goods=_as_decimal("goods", goods),
            shipping=_as_decimal("shipping", shipping),
            currency=currency,
            rate=rate,
        )
        if country
        else None
    )
    if estimate is None:
        return {"estimate": None}
    return {
        "estimate": estimate,
        "country_name": estimate.country_name,
        "tax": tax_label(estimate.tax_name) if estimate.known else "",
        "percent": format_percent(estimate.percent) if estimate.known else "",
        "amount": (
            format_money(estimate.amount, estimate.currency)
            if estimate.amount is not None
            else ""
        ),
    }
