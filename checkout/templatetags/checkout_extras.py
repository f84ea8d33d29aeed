"""What the buyer's order page shows beyond Oscar's: how it was paid, the
downloads, the course seats and the refunds."""

from decimal import Decimal

from django import template
from django.conf import settings

from checkout.services import charge_amount, shipping_parts
from market.currencies.selectors import buyer_currency_and_rate
from market.downloads.selectors import grants_for_order
from market.learning.models import Seat
from market.payments.money import Money

register = template.Library()


@register.inclusion_tag("oscar/customer/order/extras.html", takes_context=True)
def order_extras(context, order, charge=None):
    request = context["request"]
    payment = getattr(order, "checkout_payment", None)
    return {
        "request": request,
        "order": order,
        "payment": payment,
        "charge": charge,
        "grants": grants_for_order(order=order, user=request.user),
        "seats": Seat.objects.filter(line__order=order, learner=request.user)
        .select_related("course")
        .order_by("pk"),
        "refunds": order.refunds.select_related("line", "parcel__partner").order_by(
            "pk"
        ),
    }


@register.simple_tag(takes_context=True)
def basket_charge_estimate(context, basket, order_total):
    """The basket's total in the buyer's currency, by the charge's own rule
    (line by line); None when the buyer pays in AZN."""
    request = context.get("request")
    if request is None or order_total is None or basket.is_empty:
        return None
    currency, rate = buyer_currency_and_rate(request)
    if currency == settings.MARKET_BASE_CURRENCY:
        return None
    lines_total = sum(
        (line.line_price_incl_tax for line in basket.all_lines()), Decimal("0.00")
    )
    shipping = order_total.incl_tax - lines_total
    method = context.get("shipping_method")
    if method is not None and getattr(method, "parcels", None) is not None:
        # Each parcel converted on its own, as the charge will be.
        shipping = shipping_parts(method)
    return Money(
        charge_amount(basket, shipping, rate=rate, currency=currency), currency
    )
