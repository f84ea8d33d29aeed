"""What the API says about a quote request, to its buyer (/me/) and to its
resident (/shop/) alike: the request and its lines, the quotes made on it
(unit prices as decimal strings with their currency), and the thread. The
rows come from the trade selectors (market/trade/selectors.py), which
prefetch them: a page costs the same queries however many requests it
shows. Nobody's e-mail address or name is given: a message says only which
side wrote it."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from django.utils.translation import gettext as _
from ninja import Schema

from checkout.models import BalancePayment
from market.trade import selectors, services
from market.trade.forms import MessageForm
from market.trade.models import Quote, QuoteRequest
from market.trade.rules import QuoteRefused

from .buyer import money
from .invalid import invalid_response
from .problems import ApiRefusal


class RequestLineOut(Schema):
    id: int
    product_id: int
    title: str
    quantity: int
    made_to_order: bool


class QuoteLineOut(Schema):
    request_line_id: int
    quantity: int
    unit_price: str
    line_total: str


class QuoteSummary(Schema):
    reference: UUID
    status: str
    currency: str
    goods_total: str
    shipping: str | None
    total: str
    valid_until: date


class QuoteOut(QuoteSummary):
    lead_time_days: int
    shipping_carrier: str
    shipping_min_days: int
    shipping_max_days: int
    terms: str
    # A made-to-order quote may ask for a share at once (0: paid in full);
    # "deposit" is then what the checkout charges, "balance" the rest, due
    # before the parcel ships ("balance_status": "due", "paid" or "cancelled" once the
    # deposit is paid, else null).
    deposit_percent: int
    deposit: str
    balance: str
    balance_status: str | None
    created_at: datetime
    accepted_at: datetime | None
    paid_at: datetime | None
    lines: list[QuoteLineOut]


class MessageOut(Schema):
    id: int
    side: str  # "buyer" or "resident"
    body: str
    created_at: datetime
    attachment_name: str | None


class QuoteRequestSummary(Schema):
    reference: UUID
    number: str
    status: str
    resident: str
    resident_name: str
    company_name: str
    company_country: str
    destination: str
    wanted_by: date | None
    created_at: datetime
    lines: list[RequestLineOut]
    quote: QuoteSummary | None


class QuoteRequestDetail(QuoteRequestSummary):
    tax_number: str
    message: str
    decline_reason: str
    answered_at: datetime | None
    closed_at: datetime | None
    quotes: list[QuoteOut]
    messages: list[MessageOut]


class MessageIn(Schema):
    body: str


def _lines(request: QuoteRequest) -> list[dict]:
    return [
        {
            "id": line.pk,
            "product_id": line.product_id,
            "title": line.product.get_title(),
            "quantity": line.quantity,
            "made_to_order": line.made_to_order,
        }
        for line in request.lines.all()
    ]


def _quote_summary(quote: Quote) -> dict:
    goods = quote.goods_total()
    return {
        "reference": quote.reference,
        "status": quote.status,
        "currency": quote.currency,
        "goods_total": money(goods),
        "shipping": money(quote.shipping_amount),
        "total": money(quote.total()),
        "valid_until": quote.valid_until,
    }


def _balance_status(quote: Quote) -> str | None:
    if not quote.deposit_percent or quote.order_id is None:
        return None
    return (
        BalancePayment.objects.filter(order_id=quote.order_id)
        .values_list("status", flat=True)
        .first()
    )


def _quote(quote: Quote) -> dict:
    return {
        **_quote_summary(quote),
        "lead_time_days": quote.lead_time_days,
        "shipping_carrier": quote.shipping_carrier,
        "shipping_min_days": quote.shipping_min_days,
        "shipping_max_days": quote.shipping_max_days,
        "terms": quote.terms,
        "deposit_percent": quote.deposit_percent,
        "deposit": money(quote.deposit()),
        "balance": money(quote.balance()),
        "balance_status": _balance_status(quote),
        "created_at": quote.created_at,
        "accepted_at": quote.accepted_at,
        "paid_at": quote.paid_at,
        "lines": [
            {
                "request_line_id": line.request_line_id,
                "quantity": line.quantity,
                "unit_price": money(line.unit_price),
                "line_total": money(line.total),
            }
            for line in sorted(quote.lines.all(), key=lambda row: row.request_line_id)
        ],
    }


def request_summary(request: QuoteRequest) -> dict:
    """A request as a list shows it, with its live quote (if any)."""
    quote = selectors.live_quote(request)
    return {
        "reference": request.reference,
        "number": request.number,
        "status": request.status,
        "resident": request.resident.slug,
        "resident_name": request.resident.display_name,
        "company_name": request.company_name,
        "company_country": request.company_country,
        "destination": request.destination,
        "wanted_by": request.wanted_by,
        "created_at": request.created_at,
        "lines": _lines(request),
        "quote": _quote_summary(quote) if quote else None,
    }


def request_detail(request: QuoteRequest) -> dict:
    """A request with every quote made on it (newest first) and its thread."""
    return {
        **request_summary(request),
        "tax_number": request.tax_number,
        "message": request.message,
        "decline_reason": request.decline_reason,
        "answered_at": request.answered_at,
        "closed_at": request.closed_at,
        "quotes": [_quote(quote) for quote in selectors.quote_history(request)],
        "messages": [
            {
                "id": message.pk,
                "side": "resident" if message.from_resident else "buyer",
                "body": message.body,
                "created_at": message.created_at,
                "attachment_name": message.attachment_name or None,
            }
            for message in selectors.request_thread(request)
        ],
    }


def refused(refusal: QuoteRefused, *, status: int = 422) -> ApiRefusal:
    """A trade service's refusal as a problem: 422 when the input is what
    the rule refuses, 409 when the request's state is."""
    return ApiRefusal(
        refusal.message,
        status=status,
        type="refused",
        title=_("The request was refused."),
    )


def message_add(request, quote_request, payload: MessageIn):
    """The website's message form and service, without the attachment: a
    201 with the message, or a 422 problem (nothing written)."""
    form = MessageForm({"body": payload.body})
    if not form.is_valid():
        return invalid_response(
            [
                {"field": field, "message": str(message)}
                for field, messages in form.errors.items()
                for message in messages
            ]
        )
    try:
        message = services.quote_message_add(
            request=quote_request,
            author=request.auth.user,
            body=form.cleaned_data["body"],
        )
    except QuoteRefused as refusal:
        raise refused(refusal) from refusal
    return 201, {
        "id": message.pk,
        "side": "resident" if message.from_resident else "buyer",
        "body": message.body,
        "created_at": message.created_at,
        "attachment_name": None,
    }
