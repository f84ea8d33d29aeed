"""A buyer's own orders (lines, totals, parcels and tracking) and download
links, for a token made under the buyer's account. Every query starts from
the token's user: another buyer's order number is a 404."""

from datetime import datetime

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from oscar.apps.order.models import Order

from market.downloads.selectors import grants_for_user
from market.downloads.signing import download_url
from market.export.models import Parcel

from .auth import BuyerToken
from .paging import PageOut, keyset_page
from .problems import Problem

router = Router(tags=["buyer"])
ERRORS = {401: Problem, 403: Problem, 404: Problem, 422: Problem, 429: Problem}


def money(value) -> str | None:
    return None if value is None else str(value)


class OrderSummary(Schema):
    number: str
    status: str
    placed_at: datetime
    currency: str
    total_incl_tax: str
    total_excl_tax: str
    shipping_incl_tax: str


class OrderPage(PageOut):
    items: list[OrderSummary]


class OrderLineOut(Schema):
    id: int
    title: str
    upc: str
    resident: str
    quantity: int
    unit_price_incl_tax: str | None
    line_price_incl_tax: str
    status: str


class ParcelOut(Schema):
    id: int
    status: str
    country: str
    carrier: str
    tracking_number: str
    tracking_url: str
    shipping: str
    currency: str
    line_ids: list[int]
    packed_at: datetime | None
    shipped_at: datetime | None
    delivered_at: datetime | None


class OrderDetail(OrderSummary):
    lines: list[OrderLineOut]
    parcels: list[ParcelOut]


class DownloadOut(Schema):
    id: int
    order_number: str
    product: str
    file: str | None
    downloads_left: int
    unavailable_reason: str | None
    url: str | None


class DownloadPage(PageOut):
    items: list[DownloadOut]


def _summary(order: Order) -> dict:
    return {
        "number": order.number,
        "status": order.status,
        "placed_at": order.date_placed,
        "currency": order.currency,
        "total_incl_tax": money(order.total_incl_tax),
        "total_excl_tax": money(order.total_excl_tax),
        "shipping_incl_tax": money(order.shipping_incl_tax),
    }


def parcel_data(parcel: Parcel) -> dict:
    return {
        "id": parcel.pk,
        "status": parcel.status,
        "country": parcel.country,
        "carrier": parcel.carrier,
        "tracking_number": parcel.tracking_number,
        "tracking_url": parcel.tracking_url,
        "shipping": money(parcel.amount),
        "currency": parcel.currency,
        "line_ids": sorted(line.pk for line in parcel.lines.all()),
        "packed_at": parcel.packed_at,
        "shipped_at": parcel.shipped_at,
        "delivered_at": parcel.delivered_at,
    }


@router.get(
    "/orders",
    response={200: OrderPage, **ERRORS},
    auth=BuyerToken("orders:read"),
    summary="Your orders, newest first",
)
def orders(request, cursor: str | None = None):
    rows, following = keyset_page(
        Order.objects.filter(user_id=request.auth.user_id), cursor
    )
    return {"items": [_summary(order) for order in rows], "next": following}


@router.get(
    "/orders/{number}",
    response={200: OrderDetail, **ERRORS},
    auth=BuyerToken("orders:read"),
    summary="One of your orders, with its lines and parcels",
)
def order_detail(request, number: str):
    order = get_object_or_404(
        Order.objects.prefetch_related(
            "lines",
            Prefetch(
                "parcels",
                queryset=Parcel.objects.prefetch_related("lines").order_by("pk"),
            ),
        ),
        user_id=request.auth.user_id,
        number=number,
    )
    return {
        **_summary(order),
        "lines": [
            {
                "id": line.pk,
                "title": line.title,
                "upc": line.upc or "",
                "resident": line.partner_name,
                "quantity": line.quantity,
                "unit_price_incl_tax": money(line.unit_price_incl_tax),
                "line_price_incl_tax": money(line.line_price_incl_tax),
                "status": line.status,
            }
            for line in sorted(order.lines.all(), key=lambda line: line.pk)
        ],
        "parcels": [parcel_data(parcel) for parcel in order.parcels.all()],
    }


@router.get(
    "/downloads",
    response={200: DownloadPage, **ERRORS},
    auth=BuyerToken("downloads:read"),
    summary="Your files, each with a fresh signed download link",
)
def downloads(request, cursor: str | None = None):
    """A link is given only for a grant that can be used now; it expires
    like the links on the site, and is used while signed in as the buyer."""
    rows, following = keyset_page(grants_for_user(user=request.auth.user), cursor)
    items = []
    for grant in rows:
        reason = grant.unavailable_reason
        items.append(
            {
                "id": grant.pk,
                "order_number": grant.line.order.number,
                "product": grant.line.title,
                "file": grant.digital_file.original_name
                if grant.digital_file
                else None,
                "downloads_left": grant.downloads_left,
                "unavailable_reason": reason.value if reason else None,
                "url": None
                if reason
                else request.build_absolute_uri(download_url(grant=grant)),
            }
        )
    return {"items": items, "next": following}
