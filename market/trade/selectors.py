"""Reads of wholesale quotes, each scoped to who asks: a buyer sees only
their requests, a resident only those made to them (another's reference is
simply not found). The pages and the API call these."""

from __future__ import annotations

from django.db.models import (
    Avg,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Prefetch,
    Q,
    QuerySet,
)

from market.residents.models import Resident

from .models import (
    LIVE_QUOTE,
    BusinessProfile,
    Quote,
    QuoteLine,
    QuoteRequest,
    QuoteRequestLine,
    QuoteRequestStatus,
    TradeTerms,
)


def _with_lists(requests: QuerySet) -> QuerySet:
    """What a list of requests shows: the shop, the lines with their
    products, and the live quote with its lines; a fixed number of queries
    whatever the number of requests."""
    return requests.select_related("resident", "buyer").prefetch_related(
        Prefetch(
            "lines",
            queryset=QuoteRequestLine.objects.select_related(
                "product__parent", "product__product_class"
            ),
        ),
        Prefetch(
            "quotes",
            queryset=Quote.objects.filter(status__in=LIVE_QUOTE).prefetch_related(
                "lines"
            ),
            to_attr="live_quotes",
        ),
    )


def quote_requests_for_buyer(user) -> QuerySet:
    """The buyer's own requests, newest first."""
    if user is None or not user.is_authenticated:
        return QuoteRequest.objects.none()
    return _with_lists(QuoteRequest.objects.filter(buyer=user))


def quote_requests_for_resident(resident: Resident | None) -> QuerySet:
    """The requests made to `resident`, newest first (none for None)."""
    if resident is None:
        return QuoteRequest.objects.none()
    return _with_lists(QuoteRequest.objects.filter(resident=resident))


def all_quote_requests() -> QuerySet:
    """Every request, newest first (staff)."""
    return _with_lists(QuoteRequest.objects.all())


def quote_request_of_buyer(user, reference) -> QuoteRequest | None:
    """One of the buyer's requests by its reference, else None."""
    return quote_requests_for_buyer(user).filter(reference=reference).first()


def quote_request_of_resident(resident, reference) -> QuoteRequest | None:
    """One of the resident's requests by its reference, else None."""
    return quote_requests_for_resident(resident).filter(reference=reference).first()


def live_quote(request: QuoteRequest) -> Quote | None:
    """The quote offered, accepted or paid on the request (at most one)."""
    quotes = getattr(request, "live_quotes", None)
    if quotes is None:
        quotes = list(request.quotes.filter(status__in=LIVE_QUOTE))
    return quotes[0] if quotes else None


def quote_lines(quote: Quote) -> list[QuoteLine]:
    return list(
        quote.lines.select_related("request_line__product__parent").order_by(
            "request_line_id"
        )
    )


def request_thread(request: QuoteRequest) -> list:
    return list(request.messages.select_related("author"))


def quote_history(request: QuoteRequest) -> list[Quote]:
    """Every quote made on the request, newest first, with their lines."""
    return list(request.quotes.prefetch_related("lines__request_line__product__parent"))


def business_profile_of(user) -> BusinessProfile | None:
    if user is None or not user.is_authenticated:
        return None
    return BusinessProfile.objects.filter(user=user).first()


def makes_to_order(resident: Resident) -> bool:
    return TradeTerms.objects.filter(resident=resident, makes_to_order=True).exists()


def unanswered_count(resident: Resident | None) -> int:
    if resident is None:
        return 0
    return QuoteRequest.objects.filter(
        resident=resident, status=QuoteRequestStatus.OPEN
    ).count()


def response_times() -> QuerySet:
    """Per resident with requests, in one query: requests, how many were
    answered (a quote or a decline), still open, closed unanswered, and the
    average time to the first answer."""
    wait = ExpressionWrapper(
        F("quote_requests__answered_at") - F("quote_requests__created_at"),
        output_field=DurationField(),
    )
    return (
        Resident.objects.filter(quote_requests__isnull=False)
        .annotate(
            requests_count=Count("quote_requests", distinct=True),
            answered_count=Count(
                "quote_requests",
                filter=Q(quote_requests__answered_at__isnull=False),
                distinct=True,
            ),
            open_count=Count(
                "quote_requests",
                filter=Q(quote_requests__status=QuoteRequestStatus.OPEN),
                distinct=True,
            ),
            closed_count=Count(
                "quote_requests",
                filter=Q(quote_requests__status=QuoteRequestStatus.CLOSED),
                distinct=True,
            ),
            average_response=Avg(
                wait, filter=Q(quote_requests__answered_at__isnull=False)
            ),
        )
        .order_by("display_name", "pk")
    )
