"""Money in templates: the one library every template loads, under both of
its names (``{% load currency_tags %}`` and, through the TEMPLATES setting's
"libraries", ``{% load currency_filters %}``, the name Oscar's own templates
load). See market.currencies.display for which currency a page shows.

* ``{{ amount|currency }}`` / ``{{ amount|currency:"AZN" }}``: an amount in
  AZN, in the page's currency (converted by the one rounding rule of
  market.currencies.money), as plain text. An amount in another currency is
  printed as it is, never re-converted.
* ``{% price amount %}``: the same, as HTML with the AZN figure beside it when
  the page's currency is not AZN.
* ``{% line_price line %}``: a basket line: the converted unit price times the
  quantity (what the charge will count), AZN beside.
* ``{% basket_total basket order_total %}``: the basket's total as it will be
  charged (line by line, each parcel's shipping on its own), AZN beside.
* ``{% order_charge order as charge %}`` and ``{% money_pair charge.total
  charge.currency charge.base_total %}``: what an order was charged, from its
  charge record.
* ``{{ amount|money:"USD" }}``: an amount already in a currency, formatted.
"""

from decimal import Decimal, InvalidOperation

from django import template
from django.conf import settings
from django.utils.html import format_html

from market.payments.money import DECIMAL_PLACES

from ..display import display_currency_and_rate
from ..formatting import format_money
from ..money import convert, convert_line
from ..selectors import buyer_currency
from ..selectors import order_charge as _order_charge
from ..selectors import order_charges as _order_charges

register = template.Library()

__all__ = ["format_money", "register"]


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


def _in_page_currency(amount: Decimal, request=None) -> tuple[Decimal, str]:
    currency, rate = display_currency_and_rate(request)
    return convert(amount, rate=rate, currency=currency), currency


def _pair(amount: Decimal, currency: str, base: Decimal | None) -> str:
    main = format_money(amount, currency)
    if base is None or currency == settings.MARKET_BASE_CURRENCY:
        return format_html(
            '<span class="price"><span class="price-main">{}</span></span>', main
        )
    return format_html(
        '<span class="price"><span class="price-main">{}</span> '
        '<span class="price-base">{}</span></span>',
        main,
        format_money(base, settings.MARKET_BASE_CURRENCY),
    )


@register.filter(name="currency")
def currency(value, currency_code=None) -> str:
    """Oscar's ``|currency`` filter, made to speak the buyer's currency: an
    AZN amount (the default) in the page's currency; an amount in another
    currency as it is. Not a number: nothing (as Oscar's)."""
    if currency_code in (None, ""):
        currency_code = settings.MARKET_BASE_CURRENCY
    if isinstance(value, float):
        value = str(value)
    try:
        value = Decimal(value)
    except (TypeError, ValueError, InvalidOperation):
        return ""
    if not value.is_finite() or currency_code not in DECIMAL_PLACES:
        return ""
    if currency_code != settings.MARKET_BASE_CURRENCY:
        return format_money(value, currency_code)
    amount, code = _in_page_currency(value)
    return format_money(amount, code)


@register.simple_tag(takes_context=True)
def buyer_price(context, amount) -> str:
    """An AZN amount in the page's currency, as plain text (e.g. `$12.34`)."""
    amount = _as_decimal(amount)
    if amount is None:
        return ""
    converted, code = _in_page_currency(amount, context.get("request"))
    return format_money(converted, code)


@register.simple_tag(takes_context=True)
def price(context, amount) -> str:
    """An AZN amount in the page's currency, AZN beside when converted."""
    amount = _as_decimal(amount)
    if amount is None:
        return ""
    converted, code = _in_page_currency(amount, context.get("request"))
    return _pair(converted, code, amount)


@register.simple_tag(takes_context=True)
def line_price(context, line) -> str:
    """A basket line's price as it will be charged: the converted unit price
    times the quantity, the AZN line total beside."""
    unit = line.unit_price_incl_tax
    if unit is None:
        return ""
    currency, rate = display_currency_and_rate(context.get("request"))
    amount = convert_line(
        unit_price=unit, quantity=line.quantity, rate=rate, currency=currency
    )
    return _pair(amount, currency, line.line_price_incl_tax)


def basket_charge(basket, order_total, shipping_method, request):
    """(amount, currency) the basket will be charged in the page's currency:
    the lines converted one by one, each parcel's shipping on its own. Without
    `order_total`, the lines only."""
    from checkout.services import charge_amount, shipping_parts

    currency, rate = display_currency_and_rate(request)
    shipping = Decimal("0.00")
    if order_total is not None:
        lines_total = sum(
            (line.line_price_incl_tax for line in basket.all_lines()),
            Decimal("0.00"),
        )
        shipping = order_total.incl_tax - lines_total
        if getattr(shipping_method, "parcels", None) is not None:
            shipping = shipping_parts(shipping_method)
    return charge_amount(basket, shipping, rate=rate, currency=currency), currency


@register.simple_tag(takes_context=True)
def basket_total(context, basket, order_total=None) -> str:
    """The basket's total as it will be charged (with shipping when
    `order_total` is given; the lines only otherwise), AZN beside."""
    if basket is None:
        return ""
    amount, currency = basket_charge(
        basket, order_total, context.get("shipping_method"), context.get("request")
    )
    if order_total is not None:
        base = order_total.incl_tax
    else:
        base = sum(
            (line.line_price_incl_tax for line in basket.all_lines()), Decimal("0.00")
        )
    return _pair(amount, currency, base)


@register.simple_tag
def order_charge(order):
    """{% order_charge order as charge %}: market.currencies.selectors.OrderCharge."""
    return _order_charge(order)


@register.simple_tag
def order_charges(orders):
    """{% order_charges orders as charges %}: {order pk: OrderCharge}."""
    return _order_charges(orders)


@register.simple_tag
def charged_line(charge, line) -> str:
    """An order line as it was charged (`charge` from `order_charge`), AZN
    beside when charged in another currency."""
    return _pair(charge.line(line), charge.currency, charge.base_lines[line.pk])


@register.filter
def line_amount(charge, line) -> Decimal:
    """``charge|line_amount:line``: what an order line was charged (a Decimal
    in `charge.currency`), for plain text such as e-mails."""
    return charge.line(line)


@register.filter
def charge_of(charges, order):
    """``charges|charge_of:order`` for the dict of `order_charges`."""
    return charges.get(order.pk)


@register.simple_tag
def money_pair(amount, currency, base=None) -> str:
    """An amount already in `currency`, its AZN figure `base` beside."""
    amount = _as_decimal(amount)
    if amount is None:
        return ""
    return _pair(amount, currency, _as_decimal(base))


@register.filter
def money(amount, currency: str) -> str:
    """`{{ amount|money:"USD" }}`: a Decimal already in `currency`, formatted."""
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
