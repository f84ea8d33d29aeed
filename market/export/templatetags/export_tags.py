"""Shipping, destination and countries in templates, always by name in the
visitor's language."""

from __future__ import annotations

from django import template
from django.conf import settings

from catalogue.kinds import COURSE

from ..countries import country_choices, country_name
from ..destination import buyer_destination
from ..models import ExportDocument
from ..pricing import listing_profile, product_offer, requires_shipping

register = template.Library()


@register.filter
def country(code: str) -> str:
    """`{{ "DE"|country }}`: "Almaniya", "Germany", "Германия"."""
    return country_name(code) if code else ""


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


@register.simple_tag(takes_context=True)
def line_reorder_refusal(context, line) -> str:
    """Why the line cannot be bought again ("" when it can)."""
    from ..orders import reorder_refusal

    request = context.get("request")
    return reorder_refusal(line, request.strategy) or ""


@register.filter
def order_status_label(status: str) -> str:
    """Oscar's order and line statuses (stored in English) in the visitor's
    language."""
    from ..labels import STATUS_LABELS

    label = STATUS_LABELS.get(status)
    return str(label) if label else status


@register.simple_tag
def order_parcels(order):
    return list(
        order.parcels.select_related("partner")
        .prefetch_related("lines__product__parent")
        .order_by("pk")
    )


@register.simple_tag
def product_facts(product) -> list[tuple[str, str]]:
    """The listing's attributes as (label, value) in the visitor's language:
    countries by name, weight in kg; the shipping profile replaces any old
    "ships to" codes, and licence tiers are shown with the variants."""
    from django.utils import formats
    from django.utils.translation import gettext as _

    from market.residents.dashboard.forms import ATTRIBUTE_LABELS

    labels = {
        **ATTRIBUTE_LABELS,
        "weight_grams": _("Weight"),
        "country_of_origin": _("Country of origin"),
        "language": _("Language of teaching"),
    }
    facts = []
    # A course's seats, language, level, place and sessions are its course
    # panel's (market.learning, from the course row): not repeated here.
    hidden = {"ships_to", "licence"}
    if product.get_product_class().slug == COURSE:
        hidden |= {"capacity", "language", "level", "region", "sessions"}
    for value in product.get_attribute_values():
        code = value.attribute.code
        if code in hidden:
            continue
        shown = value.value
        if code == "country_of_origin":
            shown = country_name(str(shown).strip().upper())
        elif code == "region":
            from django.utils.translation import get_language

            from market.places import place_name

            shown = place_name(str(shown), get_language())
        elif code == "weight_grams" and shown:
            kilograms = formats.number_format(int(shown) / 1000, 2, use_l10n=True)
            shown = _("%(kilograms)s kg") % {"kilograms": kilograms}
        facts.append((str(labels.get(code, value.attribute.name)), str(shown)))
    return facts


@register.inclusion_tag("market/export/export_papers.html")
def export_papers(product) -> dict:
    """`{% export_papers product %}`: "Comes with: …", the titles and kinds of
    the papers attached to the listing; no links to the files."""
    listing = product.parent if product.parent_id else product
    documents = list(ExportDocument.objects.filter(product=listing).order_by("pk"))
    for document in documents:
        document.kind_label = document.get_kind_display()
    return {"documents": documents}


@register.simple_tag
def address_lines(address) -> list[str]:
    """An address's lines with its country by name in the visitor's language
    (Oscar's own lines end with the country's English name)."""
    if address is None:
        return []
    country_code = address.country_id
    english = address.country.printable_name if country_code else None
    lines = [line for line in address.active_address_fields() if line != english]
    if country_code:
        lines.append(country_name(country_code))
    return lines


@register.filter
def abroad(code: str) -> bool:
    """`{% if parcel.country|abroad %}`: outside the site's home country."""
    return bool(code) and code != settings.MARKET_HOME_COUNTRY
