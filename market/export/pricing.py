"""What it costs to send a basket to a country: one parcel per resident.

Each resident's physical lines travel together, priced with the profile of
their listings (every line of the parcel must be served by its profile; lines
on different profiles go by the one that asks the most, so the price does not
depend on the order of the basket). Digital files, services and course seats
never ship. Every quote is in AZN; the buyer sees it converted by the one
rounding rule."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from .countries import country_name
from .models import ListingShipping, ShippingProfile, ShippingRate

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Option:
    """One way to send one parcel."""

    rate_id: int
    carrier: str
    price: Decimal
    min_days: int
    max_days: int

    def snapshot(self) -> dict:
        return {
            "rate": self.rate_id,
            "carrier": self.carrier,
            "price": str(self.price),
            "min_days": self.min_days,
            "max_days": self.max_days,
        }


@dataclass
class ParcelQuote:
    """One resident's physical lines, and how they may travel to `country`."""

    partner_id: int
    seller: str
    country: str
    lines: list = field(default_factory=list)
    weight_grams: int = 0
    goods: Decimal = ZERO
    options: list[Option] = field(default_factory=list)
    chosen: Option | None = None
    # Why it cannot travel there (None when it can).
    refusal: str | None = None

    @property
    def price(self) -> Decimal:
        return self.chosen.price if self.chosen else ZERO

    def snapshot(self) -> dict:
        """What is frozen with the basket when the buyer presses "Pay"."""
        if self.chosen is None or self.refusal is not None:
            raise ValueError("Only a parcel that can travel is frozen.")
        return {
            "partner": self.partner_id,
            "country": self.country,
            "weight_grams": self.weight_grams,
            **self.chosen.snapshot(),
        }


def option_price(rate: ShippingRate, *, weight_grams: int, items: int, goods: Decimal):
    """The price of one parcel with `rate`, or None when it is too heavy."""
    if rate.free_over is not None and goods >= rate.free_over:
        return ZERO
    price = ZERO
    bands = list(rate.bands.all())
    if bands:
        band = next((b for b in bands if weight_grams <= b.max_grams), None)
        if band is None:
            return None
        price += band.price
    if items:
        price += rate.first_item + rate.each_additional * (items - 1)
    return price


def listing_profile(product) -> ShippingProfile | None:
    """The profile a physical listing ships with (its parent's, for a variant)."""
    product = product.parent or product
    try:
        return product.shipping.profile
    except ListingShipping.DoesNotExist:
        return None


def _attribute(product, code: str):
    # attribute_values.all() uses the card's prefetch when there is one.
    for value in product.attribute_values.all():
        if value.attribute.code == code:
            return value.value
    return None


def product_weight(product) -> int:
    value = _attribute(product, "weight_grams")
    if value is None and product.parent_id:
        value = _attribute(product.parent, "weight_grams")
    return int(value or 0)


def requires_shipping(product) -> bool:
    return bool(product is not None and product.get_product_class().requires_shipping)


# Each profile's zones, rates and bands, read once per version of the
# profile (every change of a zone, rate or band saves the profile, which
# moves `updated_at`): product cards do not query them again and again.
_PROFILES: dict[tuple[int, object], list] = {}


def _profile_zones(profile: ShippingProfile) -> list:
    key = (profile.pk, profile.updated_at)
    zones = _PROFILES.get(key)
    if zones is None:
        zones = [
            (set(zone.countries), list(zone.rates.all()))
            for zone in profile.zones.prefetch_related("rates__bands")
        ]
        if len(_PROFILES) > 500:
            _PROFILES.clear()
        _PROFILES[key] = zones
    return zones


def _zone_rates(
    profile: ShippingProfile, country: str, *, cached: bool = False
) -> list[ShippingRate]:
    """The rates of the profile's zone holding `country`. `cached` only for
    what is shown (cards, product pages); the basket and checkout always
    read the database."""
    if cached:
        zones = _profile_zones(profile)
    else:
        zones = [
            (set(zone.countries), list(zone.rates.all()))
            for zone in profile.zones.prefetch_related("rates__bands")
        ]
    for countries, rates in zones:
        if country in countries:
            return rates
    return []


def profile_options(
    profile: ShippingProfile | None,
    *,
    country: str,
    weight_grams: int,
    items: int,
    goods: Decimal,
    cached: bool = False,
) -> list[Option]:
    """Every way `profile` sends such a parcel to `country`, cheapest first."""
    if profile is None:
        return []
    options = []
    for rate in _zone_rates(profile, country, cached=cached):
        price = option_price(rate, weight_grams=weight_grams, items=items, goods=goods)
        if price is not None:
            options.append(
                Option(rate.pk, rate.carrier, price, rate.min_days, rate.max_days)
            )
    return sorted(options, key=lambda o: (o.price, o.max_days, o.rate_id))


def _seller(line) -> str:
    partner = line.stockrecord.partner
    resident = getattr(partner, "resident", None)
    return resident.display_name if resident is not None else partner.name


def basket_parcels(
    lines: Iterable, *, country: str, choices: Mapping[str, int] | None = None
) -> list[ParcelQuote]:
    """The parcels of a basket's lines going to `country`, each with its
    options and the buyer's choice (`choices`: partner id -> rate id; the
    cheapest when absent or no longer offered)."""
    choices = choices or {}
    parcels: dict[int, ParcelQuote] = {}
    for line in lines:
        if not requires_shipping(line.product) or line.stockrecord is None:
            continue
        partner_id = line.stockrecord.partner_id
        parcel = parcels.get(partner_id)
        if parcel is None:
            parcel = parcels[partner_id] = ParcelQuote(
                partner_id=partner_id, seller=_seller(line), country=country
            )
        parcel.lines.append(line)
        parcel.weight_grams += product_weight(line.product) * line.quantity
        parcel.goods += line.line_price_incl_tax or ZERO
    for parcel in parcels.values():
        _price(parcel, choices)
    return list(parcels.values())


def _price(parcel: ParcelQuote, choices: Mapping[str, int]) -> None:
    profiles = {line.pk: listing_profile(line.product) for line in parcel.lines}
    place = country_name(parcel.country)
    for line in parcel.lines:
        title = line.product.get_title()
        if profiles[line.pk] is None:
            parcel.refusal = _("“%(title)s” has no shipping set; ask its seller.") % {
                "title": title
            }
            return
        if parcel.country not in profile_countries(profiles[line.pk]):
            parcel.refusal = _("“%(title)s” does not ship to %(country)s.") % {
                "title": title,
                "country": place,
            }
            return
    items = sum(line.quantity for line in parcel.lines)
    # Lines on different profiles travel together: the parcel goes by the
    # profile that asks the most for it (whatever order the basket is in),
    # and only when every profile's carriers can take it.
    quotes = [
        profile_options(
            each,
            country=parcel.country,
            weight_grams=parcel.weight_grams,
            items=items,
            goods=parcel.goods,
        )
        for each in sorted(
            {p.pk: p for p in profiles.values()}.values(), key=lambda p: p.pk
        )
    ]
    parcel.options = (
        max(quotes, key=lambda options: options[0].price) if all(quotes) else []
    )
    if not parcel.options:
        parcel.refusal = _(
            "The parcel from %(seller)s (%(grams)s g) is too heavy to send to "
            "%(country)s; take an item out or ask the seller."
        ) % {"seller": parcel.seller, "grams": parcel.weight_grams, "country": place}
        return
    wanted = choices.get(str(parcel.partner_id))
    parcel.chosen = next(
        (o for o in parcel.options if o.rate_id == wanted), parcel.options[0]
    )


def parcels_total(parcels: Iterable[ParcelQuote]) -> Decimal:
    return sum((parcel.price for parcel in parcels), ZERO)


def first_refusal(parcels: Iterable[ParcelQuote]) -> str | None:
    return next((p.refusal for p in parcels if p.refusal), None)


def product_offer(product, *, country: str) -> Option | None:
    """The cheapest way one unit of a physical listing reaches `country`, or
    None when it does not ship there."""
    price = ZERO
    records = [] if product.is_parent else list(product.stockrecords.all())
    if records and records[0].price is not None:
        price = records[0].price
    options = profile_options(
        listing_profile(product),
        country=country,
        weight_grams=product_weight(product),
        items=1,
        goods=price,
        cached=True,
    )
    return options[0] if options else None


def profile_countries(profile: ShippingProfile | None) -> set[str]:
    """Every country a profile ships to."""
    if profile is None:
        return set()
    return {code for zone in profile.zones.all() for code in zone.countries}
