"""Shipping profiles for tests (market/export)."""

from __future__ import annotations

from decimal import Decimal

from market.export.models import (
    ListingShipping,
    ShippingProfile,
    ShippingRate,
    ShippingZone,
    WeightBand,
)

D = Decimal
EU = ["DE", "FR", "NL", "IT"]


def shipping_profile(
    *, resident=None, name: str = "Test profile", zones=None
) -> ShippingProfile:
    """`zones`: [(name, [countries], [rate, ...])], a rate being a dict of
    ShippingRate fields plus `bands`: [(max_grams, price)]."""
    profile = ShippingProfile.objects.create(resident=resident, name=name)
    for zone_name, countries, rates in zones or []:
        zone = ShippingZone.objects.create(
            profile=profile, name=zone_name, countries=list(countries)
        )
        for rate in rates:
            rate = dict(rate)
            bands = rate.pop("bands", [])
            created = ShippingRate.objects.create(zone=zone, **rate)
            for max_grams, price in bands:
                WeightBand.objects.create(
                    rate=created, max_grams=max_grams, price=D(price)
                )
    return profile


def free_delivery_profile(resident) -> ShippingProfile:
    """Free courier to Azerbaijan, its neighbours and Germany: what the
    checkout tests written before shipping was priced expect."""
    return shipping_profile(
        resident=resident,
        name="Free delivery",
        zones=[
            (
                "Near and Germany",
                ["AZ", "GE", "TR", "DE"],
                [{"carrier": "Courier", "min_days": 2, "max_days": 9}],
            )
        ],
    )


def carpet_profile(resident):
    """Azərpoçt and DHL to the EU by weight, courier or pick-up at home."""
    return shipping_profile(
        resident=resident,
        name="Xalçalar",
        zones=[
            (
                "Azerbaijan",
                ["AZ"],
                [
                    {
                        "carrier": "Pick-up at the Centre, Baku",
                        "min_days": 0,
                        "max_days": 1,
                    },
                    {
                        "carrier": "Courier",
                        "min_days": 1,
                        "max_days": 3,
                        "first_item": D("5.00"),
                        "each_additional": D("2.00"),
                    },
                ],
            ),
            (
                "Europe",
                EU,
                [
                    {
                        "carrier": "Azərpoçt EMS",
                        "min_days": 7,
                        "max_days": 14,
                        "bands": [(2000, "30.00"), (10000, "70.00")],
                    },
                    {
                        "carrier": "DHL Express",
                        "min_days": 3,
                        "max_days": 5,
                        "bands": [(2000, "60.00"), (10000, "120.00")],
                    },
                ],
            ),
        ],
    )


def ship_with(product, profile: ShippingProfile) -> None:
    ListingShipping.objects.update_or_create(
        product=product, defaults={"profile": profile}
    )


def ships_to(product, countries, *, name: str = "") -> ShippingProfile:
    """Ship `product` with a profile of its resident: one zone of
    `countries` and a free courier to it."""
    record = product.stockrecords.first()
    resident = getattr(record.partner, "resident", None) if record else None
    profile = shipping_profile(
        resident=resident,
        name=name or f"To {', '.join(countries)}",
        zones=[
            (
                "Zone",
                countries,
                [{"carrier": "Courier", "min_days": 2, "max_days": 9}],
            )
        ],
    )
    ship_with(product, profile)
    return profile
