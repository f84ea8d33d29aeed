"""What happens to requests nobody acts on, run by `manage.py
quotes_follow_up` (and its task): a resident who has not answered in
MARKET_QUOTE_REMIND_DAYS is reminded once; after MARKET_QUOTE_CLOSE_DAYS the
request is closed and the buyer told; a quote past its validity date
expires (the buyer told). Each request is changed in its own transaction
under its row lock, by a guarded transition: running it twice, or twice at
once, mails once."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .. import emails
from ..models import Quote, QuoteRequest, QuoteRequestStatus, QuoteStatus
from .locking import lock_request

BATCH = 500


def _remind(request_id: int, *, now: datetime, remind_before: datetime) -> bool:
    with transaction.atomic():
        request = lock_request(request_id)
        if (
            request.status != QuoteRequestStatus.OPEN
            or request.reminded_at is not None
            or request.created_at > remind_before
        ):
            return False
        request.reminded_at = now
        request.save(update_fields=["reminded_at", "updated_at"])
        emails.reminder(request)
        return True


def _close(request_id: int, *, now: datetime, close_before: datetime) -> bool:
    with transaction.atomic():
        request = lock_request(request_id)
        if (
            request.status != QuoteRequestStatus.OPEN
            or request.created_at > close_before
        ):
            return False
        request.status = QuoteRequestStatus.CLOSED
        request.closed_at = now
        request.save(update_fields=["status", "closed_at", "updated_at"])
        emails.closed(request)
        return True


def _expire(quote_id: int, request_id: int, *, now: datetime) -> bool:
    with transaction.atomic():
        request = lock_request(request_id)
        quote = Quote.objects.get(pk=quote_id)
        if quote.status not in (
            QuoteStatus.OFFERED,
            QuoteStatus.ACCEPTED,
        ) or not quote.has_run_out(now):
            return False
        quote.status = QuoteStatus.EXPIRED
        quote.save(update_fields=["status"])
        request.status = QuoteRequestStatus.EXPIRED
        request.closed_at = now
        request.save(update_fields=["status", "closed_at", "updated_at"])
        emails.expired(request, quote)
        return True


def quotes_follow_up(*, now: datetime | None = None) -> dict[str, int]:
    """Close what waited too long, remind what waits, expire quotes past
    their date. Returns how many of each."""
    now = now or timezone.now()
    close_before = now - timedelta(days=settings.MARKET_QUOTE_CLOSE_DAYS)
    remind_before = now - timedelta(days=settings.MARKET_QUOTE_REMIND_DAYS)
    counts = {"closed": 0, "reminded": 0, "expired": 0}
    unanswered = QuoteRequest.objects.filter(status=QuoteRequestStatus.OPEN)
    for request_id in unanswered.filter(created_at__lte=close_before).values_list(
        "pk", flat=True
    )[:BATCH]:
        counts["closed"] += _close(request_id, now=now, close_before=close_before)
    for request_id in unanswered.filter(
        created_at__lte=remind_before, reminded_at__isnull=True
    ).values_list("pk", flat=True)[:BATCH]:
        counts["reminded"] += _remind(request_id, now=now, remind_before=remind_before)
    for quote_id, request_id in Quote.objects.filter(
        status__in=(QuoteStatus.OFFERED, QuoteStatus.ACCEPTED),
        valid_until__lt=timezone.localdate(now),
    ).values_list("pk", "request_id")[:BATCH]:
        counts["expired"] += _expire(quote_id, request_id, now=now)
    return counts
