"""A business buyer's wholesale quotes, for a token made under the buyer's
account: their requests, asking a shop for a quote, writing on a request,
and withdrawing it. Every request is looked up among the buyer's own (the
trade selectors): another buyer's reference is a 404, and nothing changes.
The writes are the website's services (market.trade.services), with the
same rules.

Accepting and paying a quote stay on the website: an accepted quote is paid
through the checkout (card payment, 3-D Secure), which an API client cannot
do; the detail's `page` is the request's page on the site, where the buyer
accepts and pays."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.http import Http404
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from oscar.apps.partner.models import StockRecord

from market.mail import site_url
from market.residents.selectors import public_residents
from market.trade import selectors, services
from market.trade.models import MAX_LINES, MAX_QUANTITY, QuoteRequestStatus
from market.trade.services import LineWish, QuoteRefused

from .auth import BuyerToken
from .invalid import invalid_response
from .paging import PageOut, keyset_page
from .problems import ApiRefusal, Problem
from .quote_data import (
    MessageIn,
    MessageOut,
    QuoteRequestDetail,
    QuoteRequestSummary,
    message_add,
    refused,
    request_detail,
    request_summary,
)

router = Router(tags=["buyer: quotes"])
ERRORS = {401: Problem, 403: Problem, 404: Problem, 422: Problem, 429: Problem}
MAX_ID = 2**63 - 1


class BuyerRequestPage(PageOut):
    items: list[QuoteRequestSummary]


class BuyerRequestDetail(QuoteRequestDetail):
    # The request's page on the site: accept and pay the quote there.
    page: str


class WishIn(Schema):
    product: int = Field(..., ge=1, le=MAX_ID, description="A product or variant id")
    quantity: int = Field(..., ge=1, le=MAX_QUANTITY)


class QuoteRequestIn(Schema):
    resident: str = Field(..., max_length=200, description="The shop's slug")
    lines: list[WishIn] = Field(..., min_length=1, max_length=MAX_LINES)
    destination: str = Field(..., max_length=2, description="ISO 3166-1 alpha-2")
    wanted_by: date | None = None
    message: str = Field("", max_length=4000)


def _own(request, reference: UUID):
    found = selectors.quote_request_of_buyer(request.auth.user, reference)
    if found is None:
        raise Http404
    return found


def _detail(quote_request) -> dict:
    return {
        **request_detail(quote_request),
        "page": site_url(reverse("trade:request", args=[quote_request.reference])),
    }


@router.get(
    "/quote-requests",
    response={200: BuyerRequestPage, **ERRORS},
    auth=BuyerToken("quotes:read"),
    summary="Your quote requests, newest first, with the live quote",
)
def quote_requests(
    request, cursor: str | None = None, status: QuoteRequestStatus | None = None
):
    rows = selectors.quote_requests_for_buyer(request.auth.user)
    if status is not None:
        rows = rows.filter(status=status)
    rows, following = keyset_page(rows, cursor)
    return {"items": [request_summary(row) for row in rows], "next": following}


@router.get(
    "/quote-requests/{reference}",
    response={200: BuyerRequestDetail, **ERRORS},
    auth=BuyerToken("quotes:read"),
    summary="One of your quote requests: its quotes and its thread",
)
def quote_request_detail(request, reference: UUID):
    return _detail(_own(request, reference))


def _wishes(resident, lines: list[WishIn]) -> tuple[list[LineWish], list[dict]]:
    """Each product or variant id as the shop's stock record of it, and the
    ids the shop does not sell; the service then asks every rule of what
    may be asked for."""
    records = {}
    for record in StockRecord.objects.filter(
        partner_id=resident.partner_id,
        product_id__in=[line.product for line in lines],
    ).order_by("-pk"):
        records[record.product_id] = record.pk  # the oldest record wins
    unknown = [
        {
            "field": f"lines.{index}.product",
            "message": _("This shop does not sell this product."),
        }
        for index, line in enumerate(lines)
        if line.product not in records
    ]
    if unknown:
        return [], unknown
    return [LineWish(records[line.product], line.quantity) for line in lines], []


@router.post(
    "/quote-requests",
    response={201: BuyerRequestDetail, **ERRORS},
    auth=BuyerToken("quotes:write"),
    summary="Ask a shop for a quote (you need a business profile)",
)
def quote_request_create(request, payload: QuoteRequestIn):
    """The website's "Ask for a quote": the same service and rules. A buyer
    without a business profile makes one on the site first."""
    user = request.auth.user
    if selectors.business_profile_of(user) is None:
        raise ApiRefusal(
            _(
                "Tell us about your business first, on the site: %(url)s. "
                "Then ask again."
            )
            % {"url": site_url(reverse("trade:business"))},
            status=422,
            type="business-profile-needed",
            title=_("A business profile is needed to ask for quotes."),
        )
    resident = public_residents().filter(slug=payload.resident).first()
    if resident is None:
        return invalid_response(
            [{"field": "resident", "message": _("No open shop has this name.")}]
        )
    wishes, unknown = _wishes(resident, payload.lines)
    if unknown:
        return invalid_response(unknown)
    try:
        created = services.quote_request_create(
            buyer=user,
            resident=resident,
            lines=wishes,
            destination=payload.destination.upper(),
            wanted_by=payload.wanted_by,
            message=payload.message,
            language=get_language(),
        )
    except QuoteRefused as refusal:
        raise refused(refusal) from refusal
    return 201, _detail(selectors.quote_request_of_buyer(user, created.reference))


@router.post(
    "/quote-requests/{reference}/messages",
    response={201: MessageOut, **ERRORS},
    auth=BuyerToken("quotes:write"),
    summary="Write to the shop on one of your requests (text only)",
)
def quote_request_message(request, payload: MessageIn, reference: UUID):
    return message_add(request, _own(request, reference), payload)


@router.post(
    "/quote-requests/{reference}/withdraw",
    response={200: BuyerRequestDetail, 409: Problem, **ERRORS},
    auth=BuyerToken("quotes:write"),
    summary="Withdraw one of your requests (and the quote on it)",
)
def quote_request_withdraw(request, reference: UUID):
    quote_request = _own(request, reference)
    try:
        services.quote_request_withdraw(request=quote_request, by=request.auth.user)
    except QuoteRefused as refusal:
        raise refused(refusal, status=409) from refusal
    return _detail(_own(request, reference))
