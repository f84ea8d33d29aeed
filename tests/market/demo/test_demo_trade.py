"""The demo's wholesale quotes on their own: two business buyers and a
request in every state, the paid one placed with its parcel; made once."""

from decimal import Decimal

import pytest

from catalogue.kinds import PHYSICAL
from market.demo.trade import demo_quotes
from market.export.models import Parcel
from market.trade.models import (
    BusinessProfile,
    QuoteRequest,
    QuoteRequestStatus,
    QuoteStatus,
)
from tests.factories import ProductFactory
from tests.factories.shipping import ship_with, shipping_profile

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def scarves(resident, owner):
    product = ProductFactory(
        resident=resident,
        kind=PHYSICAL,
        title="Kəlağayı",
        price=D("30.00"),
        num_in_stock=100,
        attributes={
            "weight_grams": 100,
            "hs_code": "6214.10",
            "country_of_origin": "AZ",
        },
    )
    ship_with(
        product,
        shipping_profile(
            resident=resident,
            name="Abroad",
            zones=[
                (
                    "Abroad",
                    ["DE", "GE"],
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
        ),
    )
    return product


def test_a_request_in_every_state_made_once(scarves, rates):
    made = demo_quotes()
    again = demo_quotes()

    assert (made, again) == (8, 0)
    assert sorted(QuoteRequest.objects.values_list("status", flat=True)) == sorted(
        QuoteRequestStatus.values
    )
    assert list(
        BusinessProfile.objects.order_by("company_name").values_list(
            "company_name", "country"
        )
    ) == [("Galerie Nord GmbH", "DE"), ("Tbilisi Design Shop", "GE")]
    paid = QuoteRequest.objects.get(status=QuoteRequestStatus.PAID)
    quote = paid.quotes.get(status=QuoteStatus.PAID)
    parcel = Parcel.objects.get(order=quote.order)
    # Ten at 80 % of 30.00, and the quoted DHL box.
    assert quote.total() == D("285.00")
    assert (parcel.carrier, parcel.charge, parcel.country) == (
        "DHL Express (one box)",
        D("45.00"),
        "DE",
    )


def test_nothing_when_nothing_ships_abroad(resident, owner):
    ProductFactory(resident=resident, kind=PHYSICAL, num_in_stock=100)

    assert demo_quotes() == 0
    assert BusinessProfile.objects.count() == 0
