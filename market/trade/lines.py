"""How a basket (or order) line says which quote it pays: an Oscar line
option carrying the quote's reference, as a studio booking's line carries
its booking's (market/bookings/listing.py). The strategy prices such a line
at the quote's unit price (market.residents.strategy), the checkout checks
and places it (checkout.services.quotes)."""

from __future__ import annotations

from catalogue.models import Option

QUOTE_OPTION_CODE = "trade-quote"


def quote_option() -> Option:
    option, _created = Option.objects.get_or_create(
        code=QUOTE_OPTION_CODE,
        defaults={"name": "Wholesale quote", "type": Option.TEXT, "required": False},
    )
    return option


def quote_reference_of_line(line) -> str | None:
    """The reference of the quote a basket or order line pays for, or None.
    Reads the line's (prefetched) attributes: no query of its own."""
    for attribute in line.attributes.all():
        if attribute.option.code == QUOTE_OPTION_CODE:
            return str(attribute.value)
    return None
