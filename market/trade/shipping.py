"""Shipping of a quote's parcel: priced with the resident's shipping
profile for the destination when they quote (the same rule as a basket's
parcel, market.export.pricing), or an amount they quote; and, when the
quote is paid, the parcel of its lines charged at exactly that amount
(the checkout's shipping repository asks `quoted_parcels`)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace

from django.utils.translation import gettext as _

from market.export.countries import country_name
from market.export.pricing import Option, ParcelQuote, basket_parcels, requires_shipping

from .lines import quote_reference_of_line
from .models import Quote, QuoteRequest


@dataclass(frozen=True)
class ProfileShipping:
    """What the resident's profile asks to send the quoted goods."""

    option: Option | None
    refusal: str | None


def request_ships(request: QuoteRequest) -> bool:
    """Whether anything asked for travels (physical goods)."""
    return any(requires_shipping(line.product) for line in request.lines.all())


def profile_shipping(
    request: QuoteRequest, unit_prices: dict[int, Decimal]
) -> ProfileShipping:
    """The cheapest way the resident's profile sends the request's physical
    lines to its destination, for the goods at the quoted prices
    (`unit_prices`: request line id -> unit price): the parcel a basket of
    the same lines would make, priced by the same code."""
    lines = [
        SimpleNamespace(
            pk=line.pk,
            product=line.product,
            stockrecord=line.stockrecord,
            quantity=line.quantity,
            line_price_incl_tax=unit_prices.get(line.pk, Decimal("0.00"))
            * line.quantity,
        )
        for line in request.lines.select_related(
            "product__product_class",
            "product__parent__product_class",
            "stockrecord__partner__resident",
        )
    ]
    parcels = basket_parcels(lines, country=request.destination)
    if not parcels:
        return ProfileShipping(None, None)
    parcel = parcels[0]
    if parcel.refusal:
        return ProfileShipping(None, parcel.refusal)
    return ProfileShipping(parcel.chosen, None)


def _quote_of(parcel: ParcelQuote) -> Quote | None:
    references = {quote_reference_of_line(line) for line in parcel.lines}
    references.discard(None)
    if len(references) != 1:
        return None
    return (
        Quote.objects.select_related("request")
        .filter(reference=references.pop())
        .first()
    )


def quoted_parcels(parcels: list[ParcelQuote]) -> list[ParcelQuote]:
    """A basket's parcels, with the parcel of a quote's lines charged what
    the quote says (one option: its carrier, days and amount), and refused
    for any other destination than the quote's."""
    for parcel in parcels:
        quote = _quote_of(parcel)
        if quote is None:
            continue
        parcel.refusal = None
        if parcel.country != quote.request.destination:
            parcel.options, parcel.chosen = [], None
            parcel.refusal = _(
                "The quote was made for delivery to %(country)s: give an address "
                "there, or ask the seller for a new quote."
            ) % {"country": country_name(quote.request.destination)}
            continue
        option = Option(
            rate_id=quote.shipping_rate_id or 0,
            carrier=quote.shipping_carrier,
            price=quote.shipping_amount or Decimal("0.00"),
            min_days=quote.shipping_min_days,
            max_days=quote.shipping_max_days,
        )
        parcel.options, parcel.chosen = [option], option
    return parcels
