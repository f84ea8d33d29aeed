"""Public, read-only endpoints: no token, cacheable (market/api/caching.py).

What is public is asked of the one rule, never re-stated here: products come
from the search backend (as the catalogue's pages get them) and are then read
through `market.residents.selectors.public_products`, residents through
`public_residents`, categories through Oscar's `browsable()`. Prices and
availability are what the site's product cards show (Oscar's strategy, the
one rounding rule of market.currencies), in the currency asked for; texts are
in the API's language (`?lang=` or Accept-Language)."""

from decimal import Decimal

from django.conf import settings
from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from oscar.apps.partner.models import StockRecord

from catalogue.kinds import DIGITAL, PHYSICAL, SERVICE
from catalogue.licences import TIER_NAMES, TIER_ORDER, tier_code
from catalogue.models import Category
from catalogue.selectors import product_resident, with_page_data
from market.currencies.money import convert
from market.currencies.selectors import RateUnavailable, rate_for
from market.export.pricing import listing_profile, profile_countries
from market.learning.selectors import course_cards_for_products
from market.residents.models import Resident
from market.residents.selectors import public_products, public_residents
from market.residents.strategy import MarketStrategy
from search.backends import Facet, ProductQuery, get_backend
from search.facets import BuyerCurrency, price_bands
from search.forms import ProductFilterForm

from .caching import NOT_MODIFIED, cached_response
from .paging import (
    MAX_OFFSET,
    PAGE_SIZE,
    PageOut,
    keyset_page,
    offset_cursor,
    offset_of,
)
from .problems import ApiRefusal, Problem

router = Router(tags=["public"])
ERRORS = {422: Problem, 429: Problem}
MAX_ID = 2**63 - 1
ObjectId = Path(..., ge=1, le=MAX_ID)


# --- Schemas -----------------------------------------------------------------


class ResidentRef(Schema):
    id: int
    name: str
    slug: str
    url: str


class Availability(Schema):
    """As the product card says it: `code` is one of in-stock, low-stock,
    sold-out, instant-download, made-to-order, not-on-sale, unavailable, and
    for courses enrolment-open, enrolment-full, enrolment-soon,
    enrolment-closed;
    `label` is the card's words in the language asked for; `stock` the units
    left when they are counted."""

    code: str
    label: str
    available: bool
    stock: int | None = None


class LicenceOut(Schema):
    code: str
    name: str
    variant_id: int
    price: str | None
    available: bool


class ProductOut(Schema):
    id: int
    slug: str
    url: str
    title: str
    kind: str
    resident: ResidentRef | None
    price: str | None
    currency: str
    availability: Availability
    licences: list[LicenceOut] | None = None
    ships_to: list[str] | None = None
    images: list[str]


class FacetValue(Schema):
    value: str
    count: int


class ProductPage(PageOut):
    total: int
    items: list[ProductOut]
    facets: dict[str, list[FacetValue]]


class ProductFilters(Schema):
    """The catalogue's filters (search/forms.py); a facet's parameter may be
    repeated, values within one facet are alternatives."""

    cursor: str | None = None
    currency: str | None = Field(None, description="AZN (default), USD or EUR")
    lang: str | None = Field(None, description="az, en or ru")
    q: str = Field("", description="Words to search for")
    sort_by: str = Field(
        "", description="relevance, newest, price-asc, price-desc or title"
    )
    kind: list[str] = Field([], description="physical, digital, service, course")
    category: list[str] = Field([], description="Category ids (with subcategories)")
    resident: list[str] = Field([], description="Residents' ids")
    programme: list[str] = Field([], description="music, gametech, cultech")
    ships_to: list[str] = Field([], description="Country codes (ISO 3166-1)")
    language: list[str] = Field([], description="A course's language")
    level: list[str] = Field([], description="A course's level")
    region: list[str] = Field([], description="A course's city or region")
    in_stock: list[str] = Field([], description="1: only what can be bought now")
    price: list[str] = Field(
        [], description="Price bands in the currency, e.g. 50-100 or 1000-"
    )
    price_min: str = Field("", description="Lowest price, in the currency")
    price_max: str = Field("", description="Highest price, in the currency")


class VariantOut(Schema):
    id: int
    title: str
    licence: str | None
    price: str | None
    available: bool


class ProductDetail(ProductOut):
    description: str
    variants: list[VariantOut]


class ResidentOut(ResidentRef):
    programme: str
    city: str
    bio: str
    logo: str | None
    products: int


class ResidentPage(PageOut):
    items: list[ResidentOut]


class CategoryOut(Schema):
    id: int
    name: str
    slug: str
    parent: int | None
    url: str


# --- Currency ------------------------------------------------------------------


def _currency(code: str | None) -> BuyerCurrency:
    """The currency asked for (AZN without one) and its rate; one the shop
    does not sell in, or whose rate is unavailable, is a 422 problem."""
    code = code or settings.MARKET_BASE_CURRENCY
    if code not in settings.MARKET_CURRENCIES:
        raise ApiRefusal(
            _("Prices are given in %(currencies)s, not in “%(currency)s”.")
            % {"currencies": ", ".join(settings.MARKET_CURRENCIES), "currency": code},
            status=422,
            type="invalid-input",
        )
    try:
        rate = rate_for(currency=code)
    except RateUnavailable as error:
        raise ApiRefusal(error.message, status=422, type="invalid-input") from error
    return BuyerCurrency(code=code, rate=rate)


def _money(amount: Decimal | None, currency: BuyerCurrency) -> str | None:
    if amount is None:
        return None
    return str(convert(Decimal(amount), rate=currency.rate, currency=currency.code))


# --- Products ------------------------------------------------------------------


def _listed(ids=None) -> QuerySet:
    """Listed products (the one rule) with what an item shows, in a fixed
    number of queries however many."""
    products = public_products()
    if ids is not None:
        products = products.filter(pk__in=ids)
    return with_page_data(products).prefetch_related("shipping__profile__zones")


def _availability(info, kind: str) -> dict:
    """The card's availability line (templates/market/catalogue/availability.html)."""
    policy = info.availability
    stock = getattr(policy, "num_available", None)
    if not info.price.exists:
        return {"code": "not-on-sale", "label": _("Not on sale"), "available": False}
    if not policy.is_available_to_buy:
        if policy.code == "outofstock":
            return {
                "code": "sold-out",
                "label": _("Sold out"),
                "available": False,
                "stock": stock,
            }
        return {
            "code": "unavailable",
            "label": str(policy.short_message),
            "available": False,
        }
    if kind == DIGITAL:
        return {
            "code": "instant-download",
            "label": _("Instant download"),
            "available": True,
        }
    if kind == SERVICE:
        return {"code": "made-to-order", "label": _("Made to order"), "available": True}
    if stock and stock <= 5:
        label = ngettext("Only %(left)s left", "Only %(left)s left", stock) % {
            "left": stock
        }
        return {"code": "low-stock", "label": label, "available": True, "stock": stock}
    return {
        "code": "in-stock",
        "label": _("In stock"),
        "available": True,
        "stock": stock,
    }


def _variants(product, strategy) -> list[tuple]:
    """The public variants with their purchase info, in the tiers' order."""
    order = {code: number for number, code in enumerate(TIER_ORDER)}
    variants = [
        (child, tier_code(child), strategy.fetch_for_product(child))
        for child in product.children.all()
        if child.is_public
    ]
    return sorted(variants, key=lambda row: (order.get(row[1], len(order)), row[0].pk))


def _available(info) -> bool:
    return bool(info.price.exists and info.availability.is_available_to_buy)


def _resident_ref(resident, request) -> dict | None:
    if resident is None:
        return None
    return {
        "id": resident.pk,
        "name": resident.display_name,
        "slug": resident.slug,
        "url": request.build_absolute_uri(resident.get_absolute_url()),
    }


def _course_availability(card) -> dict:
    """A course's state as its card says it (market.learning): enrolment
    open (with the seats left), full (join the waitlist), soon or closed."""
    return {
        "code": f"enrolment-{card.availability}",
        "label": card.get_availability_display(),
        "available": card.open,
        "stock": card.seats_left,
    }


def _product(product, request, strategy, currency, *, cards=None, detail=False) -> dict:
    kind = product.get_product_class().slug
    variants = _variants(product, strategy) if product.is_parent else []
    if product.is_parent:
        # As the card: the lowest price among the tiers one can buy now.
        buyable = [info for _child, _code, info in variants if _available(info)]
        lowest = min(buyable, key=lambda info: info.price.incl_tax, default=None)
        info = lowest or strategy.fetch_for_parent(product)
        # No tier on sale: no price, as the card shows none.
        price = lowest.price.incl_tax if lowest else None
    else:
        info = strategy.fetch_for_product(product)
        price = info.price.incl_tax if info.price.exists else None
    data = {
        "id": product.pk,
        "slug": product.slug,
        "url": request.build_absolute_uri(product.get_absolute_url()),
        "title": product.get_title(),
        "kind": kind,
        "resident": _resident_ref(product_resident(product), request),
        "price": _money(price, currency),
        "currency": currency.code,
        "availability": _course_availability(cards[product.pk])
        if cards and product.pk in cards
        else _availability(info, kind),
        "licences": None,
        "ships_to": None,
        "images": [
            request.build_absolute_uri(image.original.url)
            for image in product.images.all()
            if image.original
        ],
    }
    if kind == DIGITAL:
        data["licences"] = [
            {
                "code": code,
                "name": str(TIER_NAMES.get(code, child.get_title())),
                "variant_id": child.pk,
                "price": _money(
                    info.price.incl_tax if info.price.exists else None, currency
                ),
                "available": _available(info),
            }
            for child, code, info in variants
            if code
        ]
    if kind == PHYSICAL:
        data["ships_to"] = sorted(profile_countries(listing_profile(product)))
    if detail:
        data["description"] = product.get_description()
        data["variants"] = [
            {
                "id": child.pk,
                "title": child.get_title(),
                "licence": code or None,
                "price": _money(
                    info.price.incl_tax if info.price.exists else None, currency
                ),
                "available": _available(info),
            }
            for child, code, info in variants
        ]
    return data


def _is_id(value: str) -> bool:
    """ASCII digits a database id can hold ("²" is a digit to Python, and
    not to int())."""
    return value.isascii() and value.isdigit() and len(value) < 19


def _resident_partners(values: list[str]) -> list[str]:
    """The `resident` filter takes residents' ids; the search backend files
    products by their residents' partners."""
    ids = [int(value) for value in values if _is_id(value)]
    partners = Resident.objects.filter(pk__in=ids, partner__isnull=False).values_list(
        "partner_id", flat=True
    )
    # Nothing known: a filter that matches nothing, not no filter at all.
    return [str(pk) for pk in partners] or ["0"]


def _facets(facets, request) -> dict:
    out = {
        name: [{"value": count.value, "count": count.count} for count in counts]
        for name, counts in facets.items()
    }
    if out.get(Facet.RESIDENT.value):
        by_partner = dict(
            Resident.objects.filter(
                partner_id__in=[
                    int(row["value"])
                    for row in out[Facet.RESIDENT.value]
                    if _is_id(row["value"])
                ]
            ).values_list("partner_id", "pk")
        )
        out[Facet.RESIDENT.value] = [
            {"value": str(by_partner[int(row["value"])]), "count": row["count"]}
            for row in out[Facet.RESIDENT.value]
            if _is_id(row["value"]) and int(row["value"]) in by_partner
        ]
    return out


def _product_query(request, currency: BuyerCurrency) -> ProductQuery:
    """What the catalogue's pages ask the backend (search.views), from the
    same form; a price that is not a number is a 422 here."""
    params = request.GET.copy()
    if params.getlist(Facet.RESIDENT.value):
        params.setlist(
            Facet.RESIDENT.value,
            _resident_partners(params.getlist(Facet.RESIDENT.value)),
        )
    form = ProductFilterForm(params)
    form.is_valid()
    if form.errors:
        errors = [
            {"field": field, "message": str(message)}
            for field, messages in form.errors.items()
            for message in messages
        ]
        raise ApiRefusal(
            "; ".join(f"{e['field']}: {e['message']}" for e in errors),
            status=422,
            type="invalid-input",
        )
    selections = form.selections()
    low, high = form.price_range()
    return ProductQuery(
        text=form.query_text(),
        filters=selections,
        price_bands=price_bands(currency, selections.get(Facet.PRICE.value, ())),
        price_min=currency.threshold(low) if low else None,
        price_max=currency.at_most(high) if high is not None else None,
        sort=form.sort(),
        facets=True,
    )


@router.get(
    "/products",
    response={200: ProductPage, **NOT_MODIFIED, **ERRORS},
    summary="Listed products, filtered like the catalogue",
)
def products(request, filters: Query[ProductFilters]):
    """One page of listed products (20), with the facets' counts. The filters
    are the catalogue's (any of its URL parameters works here); `next` is the
    cursor of the following page, or null."""
    money = _currency(filters.currency)
    offset = offset_of(filters.cursor)
    query = _product_query(request, money)
    answer = get_backend().search_products(query, offset=offset, limit=PAGE_SIZE)
    loaded = _listed(answer.product_ids).in_bulk(answer.product_ids)
    shown = [loaded[pk] for pk in answer.product_ids if pk in loaded]
    # The courses' enrolment states, in one query for the page.
    cards = course_cards_for_products(shown)
    strategy = MarketStrategy(request)
    items = [
        _product(product, request, strategy, money, cards=cards) for product in shown
    ]
    following = offset + PAGE_SIZE
    data = {
        "items": items,
        "total": answer.total,
        "facets": _facets(answer.facets, request),
        "next": offset_cursor(following)
        if following < min(answer.total, MAX_OFFSET + 1)
        else None,
    }
    return cached_response(request, data, schema=ProductPage)


@router.get(
    "/products/{product_id}",
    response={200: ProductDetail, **NOT_MODIFIED, 404: Problem, **ERRORS},
    summary="One listed product, with its description and variants",
)
def product_detail(
    request,
    product_id: int = ObjectId,
    currency: str | None = Query(None, description="AZN (default), USD or EUR"),
    lang: str | None = Query(None, description="az, en or ru"),
):
    money = _currency(currency)
    product = _listed().filter(pk=product_id).first()
    if product is None:
        # Hidden, unlisted or never made: the same answer.
        raise Http404
    data = _product(
        product,
        request,
        MarketStrategy(request),
        money,
        cards=course_cards_for_products([product]),
        detail=True,
    )
    return cached_response(request, data, schema=ProductDetail)


# --- Residents -----------------------------------------------------------------


def _product_counts(residents: list[Resident]) -> dict[int, int]:
    """Listed products per resident's partner, for a page of residents, in
    two queries: the partners' stock records (by partner, an index), then
    which of the products they sell are listed. Asked as one subquery, the
    planner walked the whole catalogue (issue 16, `resident_products`)."""
    partner_ids = [resident.partner_id for resident in residents if resident.partner_id]
    sold = set(
        StockRecord.objects.filter(partner_id__in=partner_ids)
        .annotate(shown_as=Coalesce("product__parent_id", "product_id"))
        .values_list("partner_id", "shown_as")
    )
    listed = set(
        public_products()
        .filter(pk__in={shown for _partner, shown in sold})
        .values_list("pk", flat=True)
    )
    counts: dict[int, int] = {}
    for partner_id, shown in sold:
        if shown in listed:
            counts[partner_id] = counts.get(partner_id, 0) + 1
    return counts


def _resident(resident: Resident, request, counts: dict[int, int]) -> dict:
    language = get_language()
    return {
        **_resident_ref(resident, request),
        "programme": resident.programme,
        "city": resident.city_in(language),
        "bio": resident.bio_in(language),
        "logo": request.build_absolute_uri(resident.logo.url)
        if resident.logo
        else None,
        "products": counts.get(resident.partner_id, 0),
    }


@router.get(
    "/residents",
    response={200: ResidentPage, **NOT_MODIFIED, **ERRORS},
    summary="Residents whose shops are open, newest first",
)
def residents(
    request,
    cursor: str | None = None,
    lang: str | None = Query(None, description="az, en or ru"),
):
    rows, following = keyset_page(public_residents(), cursor)
    counts = _product_counts(rows)
    data = {
        "items": [_resident(resident, request, counts) for resident in rows],
        "next": following,
    }
    return cached_response(request, data, schema=ResidentPage)


@router.get(
    "/residents/{key}",
    response={200: ResidentOut, **NOT_MODIFIED, 404: Problem, **ERRORS},
    summary="One resident, by slug or id",
)
def resident_detail(
    request,
    key: str = Path(..., max_length=200),
    lang: str | None = Query(None, description="az, en or ru"),
):
    found = public_residents()
    if _is_id(key):
        found = found.filter(pk=int(key))
    else:
        found = found.filter(slug=key)
    resident = found.first()
    if resident is None:
        raise Http404
    data = _resident(resident, request, _product_counts([resident]))
    return cached_response(request, data, schema=ResidentOut)


# --- Categories ----------------------------------------------------------------


@router.get(
    "/categories",
    response={200: list[CategoryOut], **NOT_MODIFIED, **ERRORS},
    summary="The public categories, as a tree (each with its parent's id)",
)
def categories(request, lang: str | None = Query(None, description="az, en or ru")):
    """Every public category, parents before their children."""
    language = get_language()
    by_path: dict[str, tuple[int, str]] = {}
    items = []
    for category in Category.objects.browsable().order_by("path"):
        parent = by_path.get(category.path[: -category.steplen])
        full_slug = f"{parent[1]}/{category.slug}" if parent else category.slug
        by_path[category.path] = (category.pk, full_slug)
        if category.depth > 1 and parent is None:
            continue  # under a category that is not public
        items.append(
            {
                "id": category.pk,
                "name": category.name_in(language),
                "slug": category.slug,
                "parent": parent[0] if parent else None,
                "url": request.build_absolute_uri(
                    category._get_absolute_url(
                        parent_slug=parent[1] if parent else None
                    )
                ),
            }
        )
    return cached_response(request, items, schema=None)
