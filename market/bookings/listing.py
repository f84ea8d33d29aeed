"""A room's "studio time" listing in the catalogue, sold by the Centre (an
Oscar partner with no resident): the product a paid booking is a basket
line of. Not browsable: it is reached only through a booking, which sets
the line's price (market.residents.strategy)."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from oscar.apps.partner.models import Partner, StockRecord

from catalogue.kinds import SERVICE
from catalogue.models import Option, Product, ProductClass, ReviewStatus

from .models import Room

CENTRE_PARTNER_CODE = "centre"
# The stock record (and so the order line) of a room's listing carries this
# SKU prefix: pages tell a studio line from the rows they already hold,
# without a query per line.
STUDIO_SKU_PREFIX = "STUDIO-"
BOOKING_OPTION_CODE = "studio-booking"

TITLES = {
    "az": "Studiya vaxtı: %s",
    "en": "Studio time: %s",
    "ru": "Время в студии: %s",
}


def centre_partner() -> Partner:
    partner, _created = Partner.objects.get_or_create(
        code=CENTRE_PARTNER_CODE, defaults={"name": "Creative Centre"}
    )
    return partner


def booking_option() -> Option:
    option, _created = Option.objects.get_or_create(
        code=BOOKING_OPTION_CODE,
        defaults={"name": "Studio booking", "type": Option.TEXT, "required": False},
    )
    return option


@transaction.atomic
def room_listing_ensure(*, room: Room) -> Product:
    """The room's listing, made or brought up to date (titles, price)."""
    room = Room.objects.select_for_update().get(pk=room.pk)
    product = room.product
    if product is None:
        product = Product.objects.create(
            structure=Product.STANDALONE,
            product_class=ProductClass.objects.get(slug=SERVICE),
            title=TITLES["az"] % room.name,
            upc=f"{STUDIO_SKU_PREFIX}{room.pk}",
            is_public=False,
            is_discountable=False,
            review_status=ReviewStatus.LIVE,
        )
        room.product = product
        room.save(update_fields=["product"])
    product.title = TITLES["az"] % room.name
    product.title_en = TITLES["en"] % room.name_in("en")
    product.title_ru = TITLES["ru"] % room.name_in("ru")
    product.save(update_fields=["title", "title_en", "title_ru"])
    StockRecord.objects.update_or_create(
        product=product,
        partner=centre_partner(),
        defaults={
            "partner_sku": product.upc,
            "price": room.price_off_peak or Decimal("0.00"),
            "price_currency": "AZN",
        },
    )
    return product


def is_studio_sku(sku: str | None) -> bool:
    """Whether a stock record's (or an order line's) SKU is a room's studio
    time listing's."""
    return bool(sku) and sku.startswith(STUDIO_SKU_PREFIX)
