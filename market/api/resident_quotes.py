"""The quote requests made to a resident's shop, for a token made in the
shop dashboard: read them, answer with a quote, decline with a reason,
write on the thread. Every request is looked up among the resident's own
(the trade selectors): another shop's reference is a 404, and nothing
changes. Input goes through the dashboard's own forms (QuoteForm,
DeclineForm, MessageForm) and services, with the same rules; two answers at
once are ordered by the services' lock on the request."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal
from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from market.trade import selectors, services
from market.trade.forms import DeclineForm, QuoteForm
from market.trade.models import (
    MAX_DEPOSIT_PERCENT,
    MAX_LEAD_DAYS,
    MAX_LINES,
    QuoteRequestStatus,
)
from market.trade.services import QuoteRefused
from market.trade.shipping import request_ships

from .auth import ResidentToken
from .invalid import invalid_response
from .paging import PageOut, keyset_page
from .problems import Problem
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

router = Router(tags=["resident: quotes"])
ERRORS = {401: Problem, 403: Problem, 404: Problem, 422: Problem, 429: Problem}
MAX_ID = 2**63 - 1


class ShopRequestPage(PageOut):
    items: list[QuoteRequestSummary]


class PriceIn(Schema):
    line: int = Field(..., ge=1, le=MAX_ID, description="A line id of the request")
    unit_price: Decimal = Field(..., description="AZN, at most two decimals")


class QuoteIn(Schema):
    """The dashboard's quote form: a unit price for every line of the
    request, the lead time, the shipping (from your shipping profile for the
    destination, or an amount you quote with its carrier and days), how long
    it is valid and your terms."""

    lines: list[PriceIn] = Field(..., min_length=1, max_length=MAX_LINES)
    lead_time_days: int = Field(..., ge=0, le=MAX_LEAD_DAYS)
    shipping: Literal["profile", "quoted"] = "profile"
    shipping_amount: Decimal | None = None
    shipping_carrier: str = Field("", max_length=120)
    shipping_min_days: int | None = Field(None, ge=0, le=MAX_LEAD_DAYS)
    shipping_max_days: int | None = Field(None, ge=0, le=MAX_LEAD_DAYS)
    valid_until: date
    terms: str = Field("", max_length=4000)
    deposit_percent: int = Field(
        0,
        ge=0,
        le=MAX_DEPOSIT_PERCENT,
        description=(
            "A share of the total paid at once (10 to 90), the rest before "
            "the parcel ships; only when some units are made to order. 0: none."
        ),
    )


class DeclineIn(Schema):
    reason: str


def _own(request, reference: UUID):
    found = selectors.quote_request_of_resident(request.auth.resident, reference)
    if found is None:
        raise Http404
    return found


def _form_errors(form, rename) -> list[dict]:
    return [
        {"field": rename(field), "message": str(message)}
        for field, messages in form.errors.items()
        for message in messages
    ]


@router.get(
    "/quote-requests",
    response={200: ShopRequestPage, **ERRORS},
    auth=ResidentToken("quotes:read"),
    summary="Quote requests made to your shop, newest first",
)
def quote_requests(
    request, cursor: str | None = None, status: QuoteRequestStatus | None = None
):
    rows = selectors.quote_requests_for_resident(request.auth.resident)
    if status is not None:
        rows = rows.filter(status=status)
    rows, following = keyset_page(rows, cursor)
    return {"items": [request_summary(row) for row in rows], "next": following}


@router.get(
    "/quote-requests/{reference}",
    response={200: QuoteRequestDetail, **ERRORS},
    auth=ResidentToken("quotes:read"),
    summary="One quote request made to your shop: its quotes and its thread",
)
def quote_request_detail(request, reference: UUID):
    return request_detail(_own(request, reference))


@router.post(
    "/quote-requests/{reference}/quote",
    response={201: QuoteRequestDetail, **ERRORS},
    auth=ResidentToken("quotes:write"),
    summary="Answer a request with a quote (it replaces a quote not yet accepted)",
)
def quote_offer(request, payload: QuoteIn, reference: UUID):
    quote_request = _own(request, reference)
    lines = list(
        quote_request.lines.select_related(
            "product__parent", "product__product_class", "stockrecord"
        )
    )
    given = [price.line for price in payload.lines]
    if sorted(given) != sorted(line.pk for line in lines):
        return invalid_response(
            [
                {
                    "field": "lines",
                    "message": _("Give one unit price for each line: %(ids)s.")
                    % {"ids": ", ".join(str(line.pk) for line in lines)},
                }
            ]
        )
    index_of = {price.line: index for index, price in enumerate(payload.lines)}
    data = {f"price_{price.line}": str(price.unit_price) for price in payload.lines} | {
        "lead_time_days": payload.lead_time_days,
        "shipping_source": payload.shipping,
        "shipping_amount": ""
        if payload.shipping_amount is None
        else str(payload.shipping_amount),
        "shipping_carrier": payload.shipping_carrier,
        "shipping_min_days": ""
        if payload.shipping_min_days is None
        else payload.shipping_min_days,
        "shipping_max_days": ""
        if payload.shipping_max_days is None
        else payload.shipping_max_days,
        "valid_until": payload.valid_until.isoformat(),
        "terms": payload.terms,
    }
    form = QuoteForm(data, request_lines=lines, ships=request_ships(quote_request))

    def rename(field: str) -> str:
        if field.startswith("price_"):
            return f"lines.{index_of[int(field.removeprefix('price_'))]}.unit_price"
        return {"shipping_source": "shipping", "__all__": "body"}.get(field, field)

    if not form.is_valid():
        return invalid_response(_form_errors(form, rename))
    try:
        services.quote_offer(
            request=quote_request,
            by=request.auth.user,
            prices=form.prices(),
            lead_time_days=form.cleaned_data["lead_time_days"],
            shipping=form.shipping_answer(),
            valid_until=form.cleaned_data["valid_until"],
            terms=form.cleaned_data["terms"],
            # The service's rule (made to order, 10 to 90) answers the API.
            deposit_percent=payload.deposit_percent,
        )
    except QuoteRefused as refusal:
        raise refused(refusal) from refusal
    return 201, request_detail(_own(request, reference))


@router.post(
    "/quote-requests/{reference}/decline",
    response={200: QuoteRequestDetail, **ERRORS},
    auth=ResidentToken("quotes:write"),
    summary="Decline a request, with a reason the buyer reads",
)
def quote_request_decline(request, payload: DeclineIn, reference: UUID):
    quote_request = _own(request, reference)
    form = DeclineForm({"reason": payload.reason})
    if not form.is_valid():
        return invalid_response(_form_errors(form, lambda field: field))
    try:
        services.quote_request_decline(
            request=quote_request,
            by=request.auth.user,
            reason=form.cleaned_data["reason"],
        )
    except QuoteRefused as refusal:
        raise refused(refusal) from refusal
    return request_detail(_own(request, reference))


@router.post(
    "/quote-requests/{reference}/messages",
    response={201: MessageOut, **ERRORS},
    auth=ResidentToken("quotes:write"),
    summary="Write to the buyer on a request made to your shop (text only)",
)
def quote_request_message(request, payload: MessageIn, reference: UUID):
    return message_add(request, _own(request, reference), payload)
