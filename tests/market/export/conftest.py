"""Fixtures of the selling-abroad tests."""

from decimal import Decimal

import pytest

from catalogue.kinds import PHYSICAL
from tests.factories import ProductFactory
from tests.factories.shipping import EU, carpet_profile, ship_with, shipping_profile

D = Decimal


def print_profile(resident):
    """A flat price per item to the EU, free from 300 AZN."""
    return shipping_profile(
        resident=resident,
        name="Prints",
        zones=[
            (
                "EU",
                EU,
                [
                    {
                        "carrier": "Azərpoçt",
                        "min_days": 10,
                        "max_days": 20,
                        "first_item": D("25.00"),
                        "each_additional": D("5.00"),
                        "free_over": D("300.00"),
                    }
                ],
            )
        ],
    )


@pytest.fixture
def berlin(catalogue, resident, other_resident):
    """The Berlin basket's goods: the carpet (5.2 kg) from resident A on
    their own profile, a print (1 kg) from resident B on theirs."""
    carpet = catalogue[PHYSICAL]
    ship_with(carpet, carpet_profile(resident))
    print_ = ProductFactory(
        resident=other_resident,
        kind=PHYSICAL,
        title="Şəbəkə çapı",
        price=D("80.00"),
        num_in_stock=10,
        attributes={
            "weight_grams": 1000,
            "hs_code": "4911.91",
            "country_of_origin": "AZ",
        },
    )
    ship_with(print_, print_profile(other_resident))
    return carpet, print_
