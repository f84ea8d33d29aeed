"""What a basket costs in the buyer's currency (the rounding rule of
market.currencies.money, line by line then summed)."""

from __future__ import annotations

from decimal import Decimal

from oscar.apps.basket.models import Basket
from oscar.apps.order.models import Line

from market.currencies.money import convert, convert_line
from market.residents.strategy import Selector

from ..models import CheckoutPayment


def prepared(basket: Basket, user) -> Basket:
    """The basket with the shop's strategy (the one availability rule)."""
    basket.strategy = Selector().strategy(user=user)
    return basket


def prepared_basket(payment: CheckoutPayment) -> Basket:
    """The payment's (frozen) basket, ready to price."""
    return prepared(payment.basket, payment.user)


def shipping_parts(shipping_method) -> list[Decimal]:
    """The shipping charge of each parcel (AZN): each is converted on its own,
    so that a parcel's shipping is refunded to the cent."""
    frozen = getattr(shipping_method, "frozen", None)
    if frozen is not None:
        return [Decimal(parcel["price"]) for parcel in frozen]
    parcels = getattr(shipping_method, "parcels", None)
    if parcels is not None:
        return [parcel.price for parcel in parcels]
    # Oscar's own methods (no shipping required): nothing to charge.
    return []


def charge_amount(
    basket: Basket, shipping_charge: Decimal | list[Decimal], *, rate, currency
) -> Decimal:
    """The charge in the buyer's currency: the sum of the converted lines and
    the converted shipping (each parcel's converted on its own)."""
    if isinstance(shipping_charge, Decimal):
        shipping_charge = [shipping_charge]
    amount = sum(
        (
            convert_line(
                unit_price=line.unit_price_incl_tax,
                quantity=line.quantity,
                rate=rate,
                currency=currency,
            )
            for line in basket.all_lines()
        ),
        Decimal("0.00"),
    )
    return amount + sum(
        (convert(part, rate=rate, currency=currency) for part in shipping_charge),
        Decimal("0.00"),
    )


def line_charge(*, line: Line, quantity: int, payment: CheckoutPayment) -> Decimal:
    """What `quantity` units of an order line were charged, in the charge
    currency (the same rule as the charge itself)."""
    return convert_line(
        unit_price=line.unit_price_incl_tax,
        quantity=quantity,
        rate=payment.rate,
        currency=payment.currency,
    )
