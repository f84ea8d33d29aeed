"""Demo selling abroad: a Centre profile any resident may adopt, a profile of
their own for every resident with physical goods (Azerbaijan, neighbours,
the EU, the rest of the world; at least two carriers each), and orders to
Berlin whose parcels stand in each state of their lifecycle, built through
the checkout's own placing and the parcels' own services.

Idempotent: residents who have a profile keep it; the orders are made once.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from oscar.apps.basket.models import Basket
from oscar.apps.order.models import ShippingAddress

from catalogue.kinds import PHYSICAL
from catalogue.models import Product
from checkout.models import CheckoutPayment
from checkout.services import charge_amount, parcel_refund, shipping_parts
from checkout.services.begin import _address_data
from checkout.services.fulfil import place_and_record
from checkout.services.holds import holds_take
from market.accounts.models import User
from market.currencies.selectors import RateUnavailable, rate_for
from market.export.models import (
    ListingShipping,
    Parcel,
    ParcelStatus,
    ShippingProfile,
    ShippingRate,
    ShippingZone,
    WeightBand,
)
from market.export.services import listing_shipping_set, parcel_move
from market.export.shipping import Repository
from market.residents.models import Resident
from market.residents.strategy import Selector

D = Decimal
NEIGHBOURS = ["GE", "TR", "RU", "KZ", "UZ", "IR"]
EU = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU",
    "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES",
    "SE",
]  # fmt: skip
REST = ["GB", "US", "CA", "AE", "JP", "KR", "CN", "AU", "CH", "NO", "IL", "UA"]

# Weight bands: up to 2, 10 and 20 kg.
LIMITS = (2000, 10000, 20000)


def _by_weight(carrier: str, low: int, high: int, prices: tuple[str, ...]):
    return (
        carrier,
        low,
        high,
        "0.00",
        "0.00",
        None,
        list(zip(LIMITS, prices, strict=True)),
    )


# zone name -> countries, [(carrier, min, max, first item, each additional,
# free over, [(up to grams, price)])]
ZONES = [
    (
        "Azərbaycan",
        ["AZ"],
        [
            ("Pick-up at the Centre, Baku", 0, 1, "0.00", "0.00", None, []),
            ("Courier (Baku and regions)", 1, 3, "5.00", "2.00", "150.00", []),
        ],
    ),
    (
        "Neighbours",
        NEIGHBOURS,
        [
            _by_weight("Azərpoçt EMS", 5, 10, ("18.00", "42.00", "65.00")),
            _by_weight("DHL Express", 2, 4, ("45.00", "95.00", "150.00")),
        ],
    ),
    (
        "European Union",
        EU,
        [
            _by_weight("Azərpoçt EMS", 7, 14, ("30.00", "65.00", "110.00")),
            _by_weight("DHL Express", 3, 5, ("60.00", "120.00", "190.00")),
        ],
    ),
    (
        "Rest of the world",
        REST,
        [
            _by_weight("Azərpoçt EMS", 10, 21, ("38.00", "85.00", "140.00")),
            _by_weight("DHL Express", 3, 6, ("75.00", "150.00", "240.00")),
        ],
    ),
]


def _profile(*, resident: Resident | None, name: str) -> ShippingProfile:
    profile = ShippingProfile.objects.create(resident=resident, name=name)
    for zone_name, countries, rates in ZONES:
        zone = ShippingZone(profile=profile, name=zone_name, countries=countries)
        zone.full_clean()
        zone.save()
        for carrier, low, high, first, additional, free_over, bands in rates:
            rate = ShippingRate.objects.create(
                zone=zone,
                carrier=carrier,
                min_days=low,
                max_days=high,
                first_item=D(first),
                each_additional=D(additional),
                free_over=D(free_over) if free_over else None,
            )
            for grams, price in bands:
                WeightBand.objects.create(rate=rate, max_grams=grams, price=D(price))
    return profile


@transaction.atomic
def demo_shipping_profiles() -> int:
    """The Centre's profile, and one for each resident with physical goods,
    used by each of their physical listings; returns how many were made."""
    made = 0
    if not ShippingProfile.objects.filter(resident__isnull=True).exists():
        _profile(resident=None, name="Centre: Azərpoçt and DHL")
        made += 1
    physical = Product.objects.filter(
        product_class__slug=PHYSICAL, parent__isnull=True
    ).order_by("pk")
    for product in physical:
        record = product.stockrecords.select_related("partner__resident").first()
        resident = getattr(record.partner, "resident", None) if record else None
        if resident is None:
            continue
        profile = resident.shipping_profiles.order_by("pk").first()
        if profile is None:
            profile = _profile(
                resident=resident, name=f"{resident.display_name}: parcels"
            )
            made += 1
        if not ListingShipping.objects.filter(product=product).exists():
            listing_shipping_set(product=product, profile=profile, resident=resident)
    return made


BERLIN = {
    "first_name": "Anna",
    "last_name": "Schmidt",
    "line1": "Hauptstraße 5",
    "line4": "Berlin",
    "postcode": "10115",
    "country_id": "DE",
}
# The state each demo order's parcel is left in, and the steps that lead there.
STATES = [
    ParcelStatus.PAID,
    ParcelStatus.PACKED,
    ParcelStatus.SHIPPED,
    ParcelStatus.DELIVERED,
    ParcelStatus.CANCELLED,
    ParcelStatus.RETURNED,
]


def _place(
    *,
    buyer: User,
    product: Product,
    now: datetime.datetime,
    address: dict | None = None,
):
    """A buyer's order of one product (to Berlin unless `address` says
    otherwise), paid in EUR (no card: the demo has no Stripe; placed through
    the checkout's own placing). IndexError when nothing ships there."""
    basket = Basket.objects.create(owner=buyer)
    basket.strategy = Selector().strategy(user=buyer)
    basket.add_product(product, 1)
    address = ShippingAddress(**(address or BERLIN))
    method = Repository().get_shipping_methods(basket, shipping_addr=address)[0]
    try:
        currency, rate = "EUR", rate_for(currency="EUR", now=now)
    except RateUnavailable:
        currency, rate = "AZN", D("1")
    shipping = method.calculate(basket).incl_tax
    total = basket.total_incl_tax + shipping
    payment = CheckoutPayment.objects.create(
        basket=basket,
        user=buyer,
        total=total,
        currency=currency,
        rate=rate,
        amount=charge_amount(
            basket, shipping_parts(method), rate=rate, currency=currency
        ),
        language="en",
        shipping_address=_address_data(address),
        shipping_method_code=method.code,
        parcels=method.snapshot() if hasattr(method, "snapshot") else [],
        expires_at=now + datetime.timedelta(minutes=30),
    )
    holds_take(payment=payment, basket=basket, now=now)
    basket.freeze()
    place_and_record(payment)
    return payment.order


@transaction.atomic
def demo_parcels(*, buyer_email: str, staff_email: str) -> int:
    """One order in each parcel state; returns how many orders were made."""
    if Parcel.objects.exists():
        return 0
    buyer = User.objects.get(email=buyer_email)
    staff = User.objects.get(email=staff_email)
    products = [
        listing.product
        for listing in ListingShipping.objects.select_related("product")
        .filter(profile__resident__isnull=False)
        .order_by("product__pk")
    ]
    products = [p for p in products if p.stockrecords.filter(num_in_stock__gt=1)]
    if not products:
        return 0
    now = timezone.now()
    for number, state in enumerate(STATES):
        product = products[number % len(products)]
        order = _place(buyer=buyer, product=product, now=now)
        parcel = order.parcels.get()
        owner = parcel.partner.users.order_by("pk").first()
        steps = {
            ParcelStatus.PACKED: [ParcelStatus.PACKED],
            ParcelStatus.SHIPPED: [ParcelStatus.PACKED, ParcelStatus.SHIPPED],
            ParcelStatus.DELIVERED: [
                ParcelStatus.PACKED,
                ParcelStatus.SHIPPED,
                ParcelStatus.DELIVERED,
            ],
            ParcelStatus.RETURNED: [ParcelStatus.PACKED, ParcelStatus.SHIPPED],
        }.get(state, [])
        for step in steps:
            parcel = parcel_move(
                parcel=parcel,
                user=owner,
                status=step,
                tracking_number=f"EE{order.number}AZ",
                tracking_url=f"https://www.azerpost.az/en/track?code=EE{order.number}AZ",
            )
        if state == ParcelStatus.CANCELLED:
            parcel_refund(
                parcel=parcel,
                user=owner,
                reason="Damaged in the workshop; a new one is being made.",
                status=state,
            )
        elif state == ParcelStatus.RETURNED:
            parcel_refund(
                parcel=parcel,
                user=staff,
                reason="Refused at the door and sent back.",
                status=state,
            )
    return len(STATES)
