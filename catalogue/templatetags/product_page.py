"""The product page and the product cards: attribute labels in the visitor's
language, facts in words, pictures, the maker, licence tiers and course
states, each read from rows the views already loaded."""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.utils import formats
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from oscar.templatetags.product_tags import render_product

from market.export.countries import country_name
from market.learning.selectors import CourseCard, course_cards_for_products

from .. import card_cache, images
from ..kinds import COURSE, DIGITAL, PHYSICAL, SERVICE
from ..licences import TIER_NAMES, TIER_ORDER, TIER_SUMMARIES, rights_table, tier_code
from ..selectors import product_resident

register = template.Library()

# The one place that names product attributes for buyers (the database's
# attribute names are the staff's). Codes not here are not shown.
ATTRIBUTE_LABELS = {
    "materials": gettext_lazy("Materials"),
    "dimensions": gettext_lazy("Dimensions"),
    "weight_grams": gettext_lazy("Weight"),
    "country_of_origin": gettext_lazy("Made in"),
    "hs_code": gettext_lazy("HS code (customs)"),
    "file_format": gettext_lazy("File format"),
    "file_size_mb": gettext_lazy("File size"),
    "duration_hours": gettext_lazy("Duration"),
    "deliverables": gettext_lazy("What you get"),
    "lead_time_days": gettext_lazy("Ready in"),
    "capacity": gettext_lazy("Seats"),
    "language": gettext_lazy("Language of teaching"),
    "level": gettext_lazy("Level"),
    "region": gettext_lazy("City or region"),
}

# The kinds as a badge on cards and the page.
KIND_LABELS = {
    PHYSICAL: gettext_lazy("Handmade item"),
    DIGITAL: gettext_lazy("Digital download"),
    SERVICE: gettext_lazy("Service"),
    COURSE: gettext_lazy("Course"),
}


@register.filter
def attribute_label(code: str) -> str:
    """`{{ "materials"|attribute_label }}`: "Materiallar", "Materials"..."""
    label = ATTRIBUTE_LABELS.get(code)
    return str(label) if label is not None else ""


@register.filter
def kind_label(product) -> str:
    product_class = product.get_product_class() if product else None
    label = KIND_LABELS.get(product_class.slug) if product_class else None
    return str(label) if label is not None else ""


@register.filter
def kind_code(product) -> str:
    product_class = product.get_product_class() if product else None
    return product_class.slug if product_class else ""


def _number(value, places: int = 0) -> str:
    return formats.number_format(value, places, use_l10n=True, force_grouping=True)


def _in_words(code: str, value) -> str:
    """An attribute's value as a buyer reads it."""
    if value in (None, ""):
        return ""
    if code == "country_of_origin":
        return country_name(str(value).strip().upper())
    if code == "weight_grams":
        kilograms = _number(int(value) / 1000, 2 if int(value) % 1000 else 0)
        return _("%(kilograms)s kg") % {"kilograms": kilograms}
    if code == "file_size_mb":
        return _("%(megabytes)s MB") % {"megabytes": _number(int(value))}
    if code == "duration_hours":
        hours = int(value)
        return ngettext("%(hours)s hour", "%(hours)s hours", hours) % {"hours": hours}
    if code == "lead_time_days":
        days = int(value)
        return ngettext("%(days)s day", "%(days)s days", days) % {"days": days}
    if code == "capacity":
        seats = int(value)
        return ngettext("%(seats)s seat", "%(seats)s seats", seats) % {"seats": seats}
    return str(value)


@dataclass(frozen=True)
class Fact:
    code: str
    label: str
    value: str


@register.simple_tag
def product_details(product) -> list[Fact]:
    """`{% product_details product as facts %}`: the listing's attributes
    that mean something to a buyer, labelled in their language, in the
    order of ATTRIBUTE_LABELS."""
    values = {
        value.attribute.code: value.value for value in product.attribute_values.all()
    }
    facts = []
    for code in ATTRIBUTE_LABELS:
        shown = _in_words(code, values.get(code))
        if shown:
            facts.append(Fact(code=code, label=attribute_label(code), value=shown))
    return facts


@dataclass(frozen=True)
class GalleryImage:
    alt: str
    main: images.Picture
    thumb: images.Picture | None


def _images(product) -> list:
    # Prefetched by the views (`with_card_data`), in Oscar's display order.
    found = sorted(product.images.all(), key=lambda image: image.display_order)
    if not found and product.parent_id:
        found = sorted(product.parent.images.all(), key=lambda i: i.display_order)
    return found


def image_alt(product, image, number: int, total: int) -> str:
    """The title, then the image's caption, else "image N of M" when there
    are several."""
    title = product.get_title()
    caption = (getattr(image, "caption", "") or "").strip()
    if caption and caption != title:
        return f"{title}: {caption}"
    if total > 1:
        return _("%(title)s, image %(number)s of %(total)s") % {
            "title": title,
            "number": number,
            "total": total,
        }
    return title


@register.simple_tag
def product_gallery(product) -> list[GalleryImage]:
    """`{% product_gallery product as gallery %}`: every image of the
    product, large and as a thumbnail (thumbnails only when there are
    several), with its alt text."""
    found = _images(product)
    if not found:
        placeholder = product.primary_image()
        picture = images.main_picture(placeholder["original"])
        return [GalleryImage(alt=product.get_title(), main=picture, thumb=None)]
    total = len(found)
    known = images.known_thumbnails(
        [
            request
            for image in found
            for request in images.gallery_requests(image.original, with_thumb=total > 1)
        ]
    )
    return [
        GalleryImage(
            alt=image_alt(product, image, number, total),
            main=images.main_picture(image.original, known),
            thumb=images.thumb_picture(image.original, known) if total > 1 else None,
        )
        for number, image in enumerate(found, start=1)
    ]


def _card_source(product):
    found = _images(product)
    return found[0].original if found else product.primary_image()["original"]


@register.simple_tag
def card_picture(product):
    """The card's picture of the product's first image (or Oscar's
    placeholder); prepared for the page by `prepare_cards`, else read for
    this card alone."""
    prepared = getattr(product, "card_picture", None)
    if prepared is not None:
        return prepared
    return images.card_picture(_card_source(product))


@register.simple_tag
def product_maker(product):
    """`{% product_maker product as maker %}`: the resident who makes it."""
    return product_resident(product)


@dataclass(frozen=True)
class Tier:
    product: object
    code: str
    name: str
    summary: str
    info: object  # Oscar's PurchaseInfo: price and availability

    @property
    def available(self) -> bool:
        return self.info.price.exists and self.info.availability.is_available_to_buy


@register.simple_tag(takes_context=True)
def licence_tiers(context, product) -> dict:
    """`{% licence_tiers product as licences %}`: the public tiers of a
    digital product, cheapest kind first, each with its price and
    availability, and the rights comparison (`rows`: right, [bool per
    tier])."""
    strategy = context["request"].strategy
    tiers = []
    for child in product.children.all():
        if not child.is_public:
            continue
        code = tier_code(child)
        tiers.append(
            Tier(
                product=child,
                code=code,
                name=str(TIER_NAMES.get(code, child.get_title())),
                summary=str(TIER_SUMMARIES.get(code, "")),
                info=strategy.fetch_for_product(child),
            )
        )
    order = {code: number for number, code in enumerate(TIER_ORDER)}
    tiers.sort(key=lambda tier: (order.get(tier.code, len(order)), tier.product.pk))
    chosen = next((tier for tier in tiers if tier.available), None)
    return {
        "tiers": tiers,
        "chosen": chosen,
        "rows": rights_table([tier.code for tier in tiers]),
    }


@register.simple_tag(takes_context=True)
def prepare_cards(context, products, numbered=False) -> str:
    """`{% prepare_cards products %}` before a page of cards: the cards kept
    for every visitor (catalogue/card_cache.py) in one cache round trip, then,
    for the cards still to render, the course states of every course in one
    query and the thumbnails in one cache round trip (stored on the products
    for `product_card`, `course_card` and `card_picture`). `numbered`: the
    cards are a grid whose first two load their pictures at once."""
    request = context.get("request")
    products = [product for product in products if product]
    keys = {
        product.pk: card_cache.key(request, product, eager=numbered and number <= 2)
        for number, product in enumerate(products, start=1)
    }
    kept = card_cache.fetch([key for key in keys.values() if key])
    for product in products:
        product.card_key = keys[product.pk]
        product.card_kept = kept.get(keys[product.pk])
    products = [product for product in products if product.card_kept is None]
    cards = course_cards_for_products(products)
    sources = {product.pk: _card_source(product) for product in products}
    known = images.known_thumbnails(
        [
            request
            for source in sources.values()
            for request in images.card_requests(source)
        ]
    )
    for product in products:
        if product.pk in cards:
            product.course_card = cards[product.pk]
        product.card_picture = images.card_picture(sources[product.pk], known)
    return ""


@register.simple_tag(takes_context=True)
def product_card(context, product) -> str:
    """`{% product_card product %}`: the card kept for every visitor when
    `prepare_cards` found it, else rendered by Oscar's `render_product` (and
    kept)."""
    if not product:
        return ""
    card_key = card_cache.key(
        context.get("request"), product, eager=card_cache.eager(context)
    )
    kept = getattr(product, "card_kept", None)
    if kept is not None and card_key == getattr(product, "card_key", None):
        return mark_safe(card_cache.shown(context, kept))  # noqa: S308 (our HTML)
    html = render_product(context, product)
    if card_key is not None:
        card_cache.keep(context, card_key, html)
    return html


@register.simple_tag
def course_card(product) -> CourseCard | None:
    """A course's card state (None for other kinds): prepared for the page,
    else read for this one card."""
    prepared = getattr(product, "course_card", None)
    if prepared is not None:
        return prepared
    return course_cards_for_products([product]).get(product.pk)


@register.simple_tag
def maker_picture(resident):
    """The resident's logo as a small square, or None."""
    logo = getattr(resident, "logo", None)
    return images.thumb_picture(logo) if logo else None


@register.simple_tag(takes_context=True)
def lowest_tier_price(context, product):
    """`{% lowest_tier_price product as price %}`: the lowest price among the
    public variants one can buy now (Oscar's parent price is its first
    variant's, whatever it costs), as Oscar's price object, or None."""
    strategy = context["request"].strategy
    prices = []
    for child in product.children.all():
        if not child.is_public:
            continue
        info = strategy.fetch_for_product(child)
        if info.price.exists and info.availability.is_available_to_buy:
            prices.append(info.price)
    return min(prices, key=lambda price: price.incl_tax, default=None)
