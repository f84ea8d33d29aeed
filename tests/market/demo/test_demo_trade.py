"""The demo's wholesale quotes on their own: two business buyers and a
request in every state, the paid one placed with its parcel; made once."""

from decimal import Decimal

import pytest

from catalogue.kinds import PHYSICAL
from checkout.models import BalancePayment, BalanceStatus
from market.demo.trade import demo_quotes
from market.export.models import Parcel
from market.trade.models import (
    BusinessProfile,
    Quote,
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

    assert (made, again) == (9, 0)
    # Every state once, and a second paid request (the deposit's).
    assert sorted(QuoteRequest.objects.values_list("status", flat=True)) == sorted(
        [*QuoteRequestStatus.values, QuoteRequestStatus.PAID]
    )
    assert list(
        BusinessProfile.objects.order_by("company_name").values_list(
            "company_name", "country"
        )
    ) == [("Galerie Nord GmbH", "DE"), ("Tbilisi Design Shop", "GE")]
    quote = Quote.objects.get(status=QuoteStatus.PAID, deposit_percent=0)
    parcel = Parcel.objects.get(order=quote.order)
    # Ten at 80 % of 30.00, and the quoted DHL box.
    assert quote.total() == D("285.00")
    assert (parcel.carrier, parcel.charge, parcel.country) == (
        "DHL Express (one box)",
        D("45.00"),
        "DE",
    )
    # Made to order (20 more than the 90 free) with 30 % paid: the balance due.
    made = Quote.objects.get(status=QuoteStatus.PAID, deposit_percent=30)
    assert made.request.lines.get().made_to_order
    assert (made.total(), made.deposit(), made.balance()) == (
        D("2535.00"),
        D("760.50"),
        D("1774.50"),
    )
    balance = BalancePayment.objects.get(order=made.order)
    assert (balance.status, balance.total) == (BalanceStatus.DUE, D("1774.50"))


def test_nothing_when_nothing_ships_abroad(resident, owner):
    ProductFactory(resident=resident, kind=PHYSICAL, num_in_stock=100)

    assert demo_quotes() == 0
    assert BusinessProfile.objects.count() == 0
