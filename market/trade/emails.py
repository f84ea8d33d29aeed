"""E-mails about quote requests, each side in its own language: the buyer
in the language they asked in, the resident's people in the resident's.
Queued in the caller's transaction (market.mail's outbox): written exactly
when what they tell of was committed."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from market.mail import mail_in_language, site_url

from .models import QuoteRequest

BUYER, RESIDENT = "buyer", "resident"


def _resident_addresses(request: QuoteRequest) -> list[str]:
    return list(
        request.resident.partner.users.filter(is_active=True)
        .order_by("pk")
        .values_list("email", flat=True)
    )


def _send(request: QuoteRequest, side: str, name: str, **extra) -> None:
    if side == BUYER:
        language = request.buyer_language or settings.LANGUAGE_CODE
        to = [request.buyer.email]
        view = "trade:request"
    else:
        language = request.resident.language or settings.LANGUAGE_CODE
        to = _resident_addresses(request)
        view = "resident_dashboard:quote-request"
    with translation.override(language):
        url = site_url(reverse(view, args=[request.reference]))
        lines = [
            {"title": line.product.title_in(language), "quantity": line.quantity}
            for line in request.lines.select_related("product")
        ]
    mail_in_language(
        language=language,
        subject_template=f"market/trade/email/{name}_subject.txt",
        body_template=f"market/trade/email/{name}.txt",
        context={
            "request": request,
            "shop": request.resident.display_name,
            "lines": lines,
            "url": url,
            **extra,
        },
        to=to,
    )


def requested(request: QuoteRequest) -> None:
    _send(request, RESIDENT, "requested")


def quoted(request: QuoteRequest, quote) -> None:
    _send(request, BUYER, "quoted", quote=quote)


def declined(request: QuoteRequest) -> None:
    _send(request, BUYER, "declined")


def withdrawn(request: QuoteRequest) -> None:
    _send(request, RESIDENT, "withdrawn")


def accepted(request: QuoteRequest, quote) -> None:
    _send(request, RESIDENT, "accepted", quote=quote)


def paid(request: QuoteRequest, quote) -> None:
    _send(request, RESIDENT, "paid", quote=quote)


def balance_asked(request: QuoteRequest, quote, balance, *, reminder=False) -> None:
    """The resident asked for the balance (or, a week on, the reminder)."""
    _send(
        request,
        BUYER,
        "balance_asked",
        quote=quote,
        balance=balance,
        reminder=reminder,
        pay_url=_pay_balance_url(request),
    )


def _pay_balance_url(request: QuoteRequest) -> str:
    with translation.override(request.buyer_language or settings.LANGUAGE_CODE):
        return site_url(reverse("trade:balance", args=[request.reference]))


def balance_paid(request: QuoteRequest, quote, balance) -> None:
    _send(request, RESIDENT, "balance_paid", quote=quote, balance=balance)


def deposit_order_cancelled(request: QuoteRequest, quote, balance, *, reason) -> None:
    """Staff cancelled a deposit order whose balance was never paid: both
    sides hear why, and whether the deposit went back."""
    for side in (BUYER, RESIDENT):
        _send(
            request,
            side,
            "deposit_cancelled",
            quote=quote,
            balance=balance,
            reason=reason,
        )


def message_added(request: QuoteRequest, message, *, to_side: str) -> None:
    _send(request, to_side, "message", message=message)


def reminder(request: QuoteRequest) -> None:
    _send(request, RESIDENT, "reminder", close_days=settings.MARKET_QUOTE_CLOSE_DAYS)


def closed(request: QuoteRequest) -> None:
    _send(request, BUYER, "closed")


def expired(request: QuoteRequest, quote) -> None:
    _send(request, BUYER, "expired", quote=quote)
