"""Centre staff's view of wholesale quotes, inside the Wagtail admin
(/cms/quotes/): every request with its quote, filtered by status, the
response time of each resident (one query), and one request with its quote
history and thread. Reading only: the two sides act, staff watch."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from . import selectors
from .models import QuoteRequest, QuoteRequestStatus

PERMISSION = "trade.view_quoterequest"
SHOWN = 200


def _check(request) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def quotes_index(request):
    """Requests newest first (a status to filter by, or all), with their live
    quote, and the residents' response times."""
    _check(request)
    status = request.GET.get("status", "")
    requests = selectors.all_quote_requests()
    if status in QuoteRequestStatus.values:
        requests = requests.filter(status=status)
    else:
        status = ""
    rows = list(requests[:SHOWN])
    for row in rows:
        row.quote = selectors.live_quote(row)
    times = list(selectors.response_times())
    for resident in times:
        average = resident.average_response
        resident.average_hours = (
            None if average is None else round(average.total_seconds() / 3600, 1)
        )
    return TemplateResponse(
        request,
        "market/trade/admin/index.html",
        {
            "quote_requests": rows,
            "statuses": QuoteRequestStatus.choices,
            "status": status,
            "response_times": times,
            "shown": SHOWN,
        },
    )


def quote_request_detail(request, reference):
    """One request: what was asked, every quote made on it, the thread."""
    _check(request)
    quote_request = get_object_or_404(
        QuoteRequest.objects.select_related("resident", "buyer"), reference=reference
    )
    return TemplateResponse(
        request,
        "market/trade/admin/detail.html",
        {
            "quote_request": quote_request,
            "quotes": selectors.quote_history(quote_request),
            "thread": selectors.request_thread(quote_request),
        },
    )
