"""A business buyer from Berlin, and kelaghayi scarves of `resident`
(Xalça Atelier): 60 in stock at 30.00 AZN, 100 g each, sent to Germany by
Azərpoçt EMS at 12.00 for the first scarf and 0.50 for each further one."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from catalogue.kinds import PHYSICAL
from market.trade import services
from market.trade.models import BusinessProfile
from tests.factories import ProductFactory, UserFactory
from tests.factories.shipping import ship_with, shipping_profile

D = Decimal


@pytest.fixture(autouse=True)
def _english():
    """Refusals are asserted in English (the services speak the active
    language)."""
    with translation.override("en"):
        yield


@pytest.fixture
def business_buyer(db):
    user = UserFactory(email="anna@galerie-nord.de", first_name="Anna")
    BusinessProfile.objects.create(
        user=user,
        company_name="Galerie Nord GmbH",
        country="DE",
        tax_number="DE123456789",
    )
    return user


@pytest.fixture
def other_buyer(db):
    user = UserFactory(email="levan@tbilisi-shop.ge")
    BusinessProfile.objects.create(
        user=user, company_name="Tbilisi Shop", country="GE", tax_number=""
    )
    return user


@pytest.fixture
def scarf_profile(resident):
    return shipping_profile(
        resident=resident,
        name="Scarves",
        zones=[
            (
                "Europe",
                ["DE", "FR"],
                [
                    {
                        "carrier": "Azərpoçt EMS",
                        "min_days": 7,
                        "max_days": 14,
                        "first_item": D("12.00"),
                        "each_additional": D("0.50"),
                    }
                ],
            )
        ],
    )


@pytest.fixture
def scarves(resident, scarf_profile):
    product = ProductFactory(
        resident=resident,
        kind=PHYSICAL,
        title="Kəlağayı",
        upc="T-SCARF",
        price=D("30.00"),
        num_in_stock=60,
        attributes={
            "weight_grams": 100,
            "hs_code": "6214.10",
            "country_of_origin": "AZ",
        },
    )
    ship_with(product, scarf_profile)
    return product


def record_of(product):
    return product.stockrecords.get()


def in_days(days: int):
    return timezone.localdate() + timedelta(days=days)


def ask(buyer, resident, product, quantity=50, **extra):
    return services.quote_request_create(
        buyer=buyer,
        resident=resident,
        lines=[services.LineWish(record_of(product).pk, quantity)],
        destination=extra.pop("destination", "DE"),
        wanted_by=extra.pop("wanted_by", in_days(30)),
        message=extra.pop("message", "Fifty scarves for our spring show."),
        language=extra.pop("language", "en"),
        **extra,
    )


def offer(request, by, price="24.00", **extra):
    line = request.lines.get()
    return services.quote_offer(
        request=request,
        by=by,
        prices={line.pk: D(price)},
        lead_time_days=extra.pop("lead_time_days", 10),
        shipping=extra.pop("shipping", services.ShippingAnswer(from_profile=True)),
        valid_until=extra.pop("valid_until", in_days(14)),
        terms=extra.pop("terms", "Payment in full before shipping."),
        **extra,
    )


@pytest.fixture
def asked(business_buyer, resident, owner, scarves):
    """An open request: 50 scarves to Germany."""
    return ask(business_buyer, resident, scarves)


@pytest.fixture
def quoted(asked, owner):
    """The request answered: 24.00 a scarf, shipping from the profile."""
    return offer(asked, owner)


@pytest.fixture
def accepted(quoted, business_buyer):
    return services.quote_accept(quote=quoted, by=business_buyer)
