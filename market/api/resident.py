"""A resident's shop, for a token made in the shop dashboard: listings
(create and change go to staff review, through the dashboard's own form and
services), stock, order lines and parcels. Every query starts from the
token's resident: another resident's id is a 404, and nothing changes."""

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Router, Schema
from oscar.apps.order.models import Line
from oscar.apps.partner.models import StockRecord

from catalogue.kinds import KINDS, LICENCES
from catalogue.models import Product
from market.export.dashboard_parcels import ShipForm
from market.export.models import Parcel, ParcelStatus
from market.export.services import parcel_move
from market.residents import services
from market.residents.dashboard.forms import ListingForm, listing_initial
from market.residents.selectors import owned_products

from .auth import ResidentToken
from .buyer import ParcelOut, money, parcel_data
from .invalid import errors_of, invalid_response
from .paging import PageOut, keyset_page
from .problems import Problem

router = Router(tags=["resident"])
ERRORS = {401: Problem, 403: Problem, 404: Problem, 422: Problem, 429: Problem}
CURRENCY = "AZN"
# Ids and counts the database can hold (a larger number is a 422, not a 500).
MAX_ID = 2**63 - 1
MAX_COUNT = 2**31 - 1
ObjectId = Path(..., ge=1, le=MAX_ID)


class ListingSummary(Schema):
    id: int
    kind: str
    title: str
    review_status: str
    review_reason: str
    price: str | None
    currency: str
    stock: int | None


class ListingPage(PageOut):
    items: list[ListingSummary]


class ListingDetail(ListingSummary):
    title_en: str
    title_ru: str
    description: str
    description_en: str
    description_ru: str
    category: int | None
    shipping_profile: int | None
    licence_prices: dict[str, str]
    attributes: dict[str, str | int]


class ListingPatch(Schema):
    """Only the fields sent change; the others keep their values."""

    title: str | None = None
    description: str | None = None
    title_en: str | None = None
    title_ru: str | None = None
    description_en: str | None = None
    description_ru: str | None = None
    category: int | None = Field(None, ge=1, le=MAX_ID)
    price: Decimal | None = None
    licence_prices: dict[str, Decimal] | None = None
    stock: int | None = Field(None, ge=0, le=MAX_COUNT)
    attributes: dict[str, str | int] | None = None
    shipping_profile: int | None = Field(None, ge=1, le=MAX_ID)


class ListingIn(ListingPatch):
    kind: str
    title: str
    category: int = Field(..., ge=1, le=MAX_ID)


class StockIn(Schema):
    stock: int = Field(..., ge=0, le=MAX_COUNT)


class StockOut(Schema):
    id: int
    stock: int


class OrderLineOut(Schema):
    id: int
    order_number: str
    placed_at: datetime
    title: str
    upc: str
    quantity: int
    unit_price_incl_tax: str | None
    line_price_incl_tax: str
    currency: str
    status: str


class OrderLinePage(PageOut):
    items: list[OrderLineOut]


class ShopParcelOut(ParcelOut):
    order_number: str


class ParcelPage(PageOut):
    items: list[ShopParcelOut]


class ParcelMoveIn(Schema):
    status: str
    carrier: str = ""
    tracking_number: str = ""
    tracking_url: str = ""


def _owned(request):
    return owned_products(request.auth.resident)


def _records_prefetched(queryset):
    return queryset.select_related("product_class").prefetch_related(
        Prefetch("stockrecords", queryset=StockRecord.objects.order_by("pk")),
        Prefetch(
            "children",
            queryset=Product.objects.order_by("pk").prefetch_related(
                Prefetch("stockrecords", queryset=StockRecord.objects.order_by("pk"))
            ),
        ),
    )


def _summary(product: Product) -> dict:
    records = list(product.stockrecords.all())
    prices = [record.price for record in records] + [
        record.price
        for child in product.children.all()
        for record in child.stockrecords.all()
    ]
    prices = [price for price in prices if price is not None]
    return {
        "id": product.pk,
        "kind": product.product_class.slug,
        "title": product.title,
        "review_status": product.review_status,
        "review_reason": product.review_reason,
        "price": money(min(prices)) if prices else None,
        "currency": CURRENCY,
        "stock": records[0].num_in_stock if records else None,
    }


def _detail(product: Product) -> dict:
    initial = listing_initial(product)
    category, profile = initial.get("category"), initial.get("shipping_profile")
    return {
        **_summary(product),
        "title_en": product.title_en,
        "title_ru": product.title_ru,
        "description": product.description,
        "description_en": product.description_en,
        "description_ru": product.description_ru,
        "category": category.pk if category else None,
        "shipping_profile": profile.pk if profile else None,
        "licence_prices": {
            code: money(initial[f"price_{code}"])
            for code, _name in LICENCES
            if f"price_{code}" in initial
        },
        "attributes": {
            key.removeprefix("attr_"): value
            for key, value in initial.items()
            if key.startswith("attr_")
        },
    }


# Fields of the listing form that the API takes under the same names.
FORM_FIELDS = (
    "title",
    "description",
    "title_en",
    "title_ru",
    "description_en",
    "description_ru",
    "price",
    "stock",
    "category",
    "shipping_profile",
)


def _form_data(payload: dict, base: dict | None = None) -> dict:
    """The listing form's fields from the API's names (`price_<tier>` from
    `licence_prices`, `attr_<code>` from `attributes`)."""
    data = dict(base or {})
    for field in FORM_FIELDS:
        if field in payload:
            data[field] = payload[field]
    for code, price in (payload.get("licence_prices") or {}).items():
        data[f"price_{code}"] = price
    for code, value in (payload.get("attributes") or {}).items():
        data[f"attr_{code}"] = value
    return {key: "" if value is None else value for key, value in data.items()}


def _api_field(field: str) -> str:
    if field == "__all__":
        return "body"
    if field.startswith("attr_"):
        return f"attributes.{field.removeprefix('attr_')}"
    if field.startswith("price_"):
        return f"licence_prices.{field.removeprefix('price_')}"
    return field


def _form_errors(form) -> list[dict]:
    return [
        {"field": _api_field(field), "message": str(message)}
        for field, messages in form.errors.items()
        for message in messages
    ]


@router.get(
    "/listings",
    response={200: ListingPage, **ERRORS},
    auth=ResidentToken("listings:read"),
    summary="Your listings, in every review state, newest first",
)
def listings(request, cursor: str | None = None):
    rows, following = keyset_page(_records_prefetched(_owned(request)), cursor)
    return {"items": [_summary(product) for product in rows], "next": following}


@router.get(
    "/listings/{listing_id}",
    response={200: ListingDetail, **ERRORS},
    auth=ResidentToken("listings:read"),
    summary="One of your listings",
)
def listing_detail(request, listing_id: int = ObjectId):
    product = get_object_or_404(_records_prefetched(_owned(request)), pk=listing_id)
    return _detail(product)


def _save(request, kind: str, data: dict, product: Product | None):
    """The dashboard's ListingFormView, without the page: the same form, the
    same service, the same arguments."""
    resident = request.auth.resident
    form = ListingForm(data, kind=kind, resident=resident)
    if not form.is_valid():
        return None, invalid_response(_form_errors(form))
    try:
        if product is None:
            product = services.listing_create(
                resident=resident, kind=kind, **form.service_arguments()
            )
        else:
            product = services.listing_update(
                resident=resident, product=product, **form.service_arguments()
            )
    except ValidationError as error:
        return None, invalid_response(errors_of(error, _api_field))
    return product, None


@router.post(
    "/listings",
    response={201: ListingDetail, **ERRORS},
    auth=ResidentToken("listings:write"),
    summary="Create a listing: it waits for staff review",
)
def listing_create(request, payload: ListingIn):
    values = payload.dict(exclude_unset=True)
    kind = values.pop("kind")
    if kind not in KINDS:
        return invalid_response(
            [{"field": "kind", "message": ", ".join(sorted(KINDS))}]
        )
    product, problem = _save(request, kind, _form_data(values), None)
    if problem:
        return problem
    product = _records_prefetched(_owned(request)).get(pk=product.pk)
    return 201, _detail(product)


@router.patch(
    "/listings/{listing_id}",
    response={200: ListingDetail, **ERRORS},
    auth=ResidentToken("listings:write"),
    summary="Change a listing (only the fields sent): it goes back to review",
)
def listing_change(request, payload: ListingPatch, listing_id: int = ObjectId):
    product = get_object_or_404(_owned(request), pk=listing_id)
    base = {
        key: getattr(value, "pk", value)
        for key, value in listing_initial(product).items()
    }
    data = _form_data(payload.dict(exclude_unset=True), base)
    product, problem = _save(request, product.product_class.slug, data, product)
    if problem:
        return problem
    return _detail(_records_prefetched(_owned(request)).get(pk=product.pk))


@router.put(
    "/listings/{listing_id}/stock",
    response={200: StockOut, **ERRORS},
    auth=ResidentToken("stock:write"),
    summary="Set how many of a physical good are in stock (no new review)",
)
def listing_stock(request, payload: StockIn, listing_id: int = ObjectId):
    product = get_object_or_404(_owned(request), pk=listing_id)
    try:
        record = services.listing_stock_set(
            resident=request.auth.resident, product=product, stock=payload.stock
        )
    except ValidationError as error:
        return invalid_response(errors_of(error))
    return {"id": product.pk, "stock": record.num_in_stock}


@router.get(
    "/order-lines",
    response={200: OrderLinePage, **ERRORS},
    auth=ResidentToken("orders:read"),
    summary="The order lines you sell, newest first",
)
def order_lines(request, cursor: str | None = None):
    rows, following = keyset_page(
        Line.objects.filter(partner_id=request.auth.resident.partner_id).select_related(
            "order"
        ),
        cursor,
    )
    return {
        "items": [
            {
                "id": line.pk,
                "order_number": line.order.number,
                "placed_at": line.order.date_placed,
                "title": line.title,
                "upc": line.upc or "",
                "quantity": line.quantity,
                "unit_price_incl_tax": money(line.unit_price_incl_tax),
                "line_price_incl_tax": money(line.line_price_incl_tax),
                "currency": line.order.currency,
                "status": line.status,
            }
            for line in rows
        ],
        "next": following,
    }


def _parcels(request):
    return (
        Parcel.objects.filter(partner_id=request.auth.resident.partner_id)
        .select_related("order")
        .prefetch_related("lines")
    )


def _shop_parcel(parcel: Parcel) -> dict:
    return {**parcel_data(parcel), "order_number": parcel.order.number}


@router.get(
    "/parcels",
    response={200: ParcelPage, **ERRORS},
    auth=ResidentToken("orders:read"),
    summary="The parcels you ship, newest first",
)
def parcels(request, cursor: str | None = None):
    rows, following = keyset_page(_parcels(request), cursor)
    return {"items": [_shop_parcel(parcel) for parcel in rows], "next": following}


@router.post(
    "/parcels/{parcel_id}/status",
    response={200: ShopParcelOut, **ERRORS},
    auth=ResidentToken("parcels:write"),
    summary="Move a parcel: packed, or shipped with the carrier's tracking",
)
def parcel_status(request, payload: ParcelMoveIn, parcel_id: int = ObjectId):
    parcel = get_object_or_404(_parcels(request), pk=parcel_id)
    arguments = {}
    if payload.status == ParcelStatus.SHIPPED:
        # The dashboard's own form: the same rules on carrier and tracking.
        form = ShipForm(payload.dict(exclude={"status"}))
        if not form.is_valid():
            return invalid_response(_form_errors(form))
        arguments = form.cleaned_data
    try:
        parcel_move(
            parcel=parcel, user=request.auth.user, status=payload.status, **arguments
        )
    except ValidationError as error:
        return invalid_response(errors_of(error))
    return _shop_parcel(_parcels(request).get(pk=parcel.pk))
