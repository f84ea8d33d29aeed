"""Shipping, destination and countries in templates, always by name in the
visitor's language."""

from __future__ import annotations

from django import template

from ..countries import country_choices, country_name
from ..destination import buyer_destination
from ..models import ExportDocument
from ..pricing import listing_profile, product_offer, requires_shipping

register = template.Library()


@register.filter
def country(code: str) -> str:
    """`{{ "DE"|country }}`: "Almaniya", "Germany", "Германия"."""
    return country_name(code) if code else ""


@register.simple_tag(takes_context=True)
def buyer_destination_code(context) -> str:
    return buyer_destination(context.get("request"))


@register.inclusion_tag("market/export/shipping_offer.html", takes_context=True)
def shipping_offer(context, product, compact=False) -> dict:
    """What it costs to send one unit of a physical listing to the buyer's
    country, or that it does not go there; nothing for what never ships."""
    request = context.get("request")
    destination = buyer_destination(request)
    ships = requires_shipping(product)
    offer = product_offer(product, country=destination) if ships else None
    return {
        "request": request,
        "ships": ships,
        "has_profile": ships and listing_profile(product) is not None,
        "offer": offer,
        "destination": destination,
        "compact": compact,
    }


@register.inclusion_tag("market/export/destination_switcher.html", takes_context=True)
def destination_switcher(context) -> dict:
    """The header's country picker, beside the currency."""
    request = context.get("request")
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "destination": buyer_destination(request),
        "countries": country_choices(),
        "next": request.get_full_path() if request is not None else "/",
    }


@register.inclusion_tag("market/export/export_papers.html")
def export_papers(product) -> dict:
    """`{% export_papers product %}`: "Comes with: …", the titles and kinds of
    the papers attached to the listing; no links to the files."""
    listing = product.parent if product.parent_id else product
    documents = list(ExportDocument.objects.filter(product=listing).order_by("pk"))
    for document in documents:
        document.kind_label = document.get_kind_display()
    return {"documents": documents}
