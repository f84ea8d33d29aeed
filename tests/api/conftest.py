"""Tokens, orders and parcels for the API tests."""

from decimal import Decimal

import pytest
from django.utils import timezone, translation
from oscar.test.factories import OrderFactory, OrderLineFactory

from catalogue.kinds import PHYSICAL
from checkout.models import CheckoutPayment
from market.api.scopes import BUYER_SCOPES, RESIDENT_SCOPES
from market.api.services import access_token_create
from market.export.models import Parcel
from tests.factories import ProductFactory, UserFactory
from tests.market.trade.conftest import (  # noqa: F401 (fixtures of the quotes)
    accepted,
    asked,
    business_buyer,
    quoted,
    scarf_profile,
    scarves,
)


@pytest.fixture(autouse=True)
def english(client):
    """The API tests read English: the test client's requests ask for it, as
    a caller's Accept-Language does, and so does the test's own thread (for
    messages of services called directly)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


def make_token(user, scopes=None, resident=None, **kwargs) -> str:
    """A token through the service, as the pages make it."""
    if scopes is None:
        scopes = list(RESIDENT_SCOPES if resident else BUYER_SCOPES)
    _row, token = access_token_create(
        user=user, name="Test", scopes=scopes, resident=resident, **kwargs
    )
    return token


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def order_of(user, resident, product, *, quantity=1, price=Decimal("450.00")):
    """An order of `user` with one line of `resident`'s `product`."""
    order = OrderFactory(
        user=user,
        currency="AZN",
        total_incl_tax=price * quantity,
        total_excl_tax=price * quantity,
        shipping_incl_tax=Decimal("0.00"),
        shipping_excl_tax=Decimal("0.00"),
    )
    OrderLineFactory(
        order=order,
        product=product,
        partner=resident.partner,
        partner_name=resident.display_name,
        title=product.title,
        upc=product.upc,
        quantity=quantity,
        line_price_incl_tax=price * quantity,
        line_price_excl_tax=price * quantity,
        line_price_before_discounts_incl_tax=price * quantity,
        line_price_before_discounts_excl_tax=price * quantity,
        unit_price_incl_tax=price,
        unit_price_excl_tax=price,
    )
    return order


def paid_in_checkout(order, *, language="az") -> CheckoutPayment:
    """The checkout's record of the payment (the shipped e-mail reads the
    buyer's address and language from it)."""
    return CheckoutPayment.objects.create(
        basket=order.basket,
        user=order.user,
        total=order.total_incl_tax,
        currency="AZN",
        rate=Decimal("1"),
        amount=order.total_incl_tax,
        language=language,
        shipping_method_code="parcels",
        expires_at=timezone.now(),
        order=order,
    )


def parcel_of(order, resident, **fields) -> Parcel:
    parcel = Parcel.objects.create(
        order=order,
        partner=resident.partner,
        country="DE",
        carrier="AzərPoçt EMS",
        min_days=7,
        max_days=14,
        weight_grams=5200,
        charge=Decimal("30.00"),
        amount=Decimal("30.00"),
        currency="AZN",
        **fields,
    )
    parcel.lines.add(*order.lines.all())
    return parcel


@pytest.fixture
def other_buyer(db):
    return UserFactory(email="buyer-b@example.az")


@pytest.fixture
def other_product(other_resident):
    return ProductFactory(
        resident=other_resident,
        kind=PHYSICAL,
        title="Nərd taxtası",
        upc="B-NERD",
        price=Decimal("80.00"),
        num_in_stock=4,
    )
