"""The one lock every writer of a quote request takes first: the request's
row (then, when it pays, the checkout's stock rows)."""

from __future__ import annotations

from ..models import QuoteRequest


def lock_request(request_id: int) -> QuoteRequest:
    return (
        QuoteRequest.objects.select_for_update(of=("self",))
        .select_related("resident__partner", "buyer")
        .get(pk=request_id)
    )
