"""What /metrics answers (market/ops/access.py routes it there): the counters
of every process (market/ops/metrics.py) and figures read from the database
at scrape time, in the Prometheus text format, to a scraper holding
MARKET_METRICS_TOKEN.

The database figures cost four queries a scrape, whatever the size of the
tables: the search outbox, the e-mail outbox, the task backlog (database task
backend only) and the payouts (counts and sums in AZN by status).
"""

import hmac
import os

from django.conf import settings
from django.db.models import Count, Min, Q, Sum
from django.http import HttpResponse, HttpResponseNotFound
from django.utils import timezone
from django.views.decorators.http import require_safe
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

from market.mail.models import EmailStatus, OutgoingEmail
from market.payouts.models import Payout, PayoutStatus
from search.models import PendingIndex


def _age(oldest, now) -> float:
    return max((now - oldest).total_seconds(), 0.0) if oldest else 0.0


def _task_backend_is_database() -> bool:
    backend = settings.TASKS.get("default", {}).get("BACKEND", "")
    return backend.startswith("django_tasks_db.")


class DatabaseCollector:
    """Gauges of the queues and counters of payouts, computed when scraped."""

    def collect(self):
        now = timezone.now()
        search = PendingIndex.objects.aggregate(
            pending=Count("pk"), oldest=Min("queued_at")
        )
        yield GaugeMetricFamily(
            "market_search_outbox_pending",
            "Changes waiting to be indexed for search (rows of the search outbox).",
            value=search["pending"],
        )
        yield GaugeMetricFamily(
            "market_search_outbox_oldest_seconds",
            "Age of the oldest change waiting to be indexed (0 when none).",
            value=_age(search["oldest"], now),
        )
        mail = OutgoingEmail.objects.filter(status=EmailStatus.PENDING).aggregate(
            pending=Count("pk"), oldest=Min("created_at")
        )
        yield GaugeMetricFamily(
            "market_email_outbox_pending",
            "E-mails waiting to be sent (first try or a retry).",
            value=mail["pending"],
        )
        yield GaugeMetricFamily(
            "market_email_outbox_oldest_seconds",
            "Age of the oldest e-mail waiting to be sent (0 when none).",
            value=_age(mail["oldest"], now),
        )
        if _task_backend_is_database():
            from django_tasks_db.models import DBTaskResult

            yield GaugeMetricFamily(
                "market_tasks_ready",
                "Tasks waiting for a worker (database task backend).",
                value=DBTaskResult.objects.ready().count(),
            )
        yield from self._payouts()

    def _payouts(self):
        paid, failed = Q(status=PayoutStatus.PAID), Q(status=PayoutStatus.FAILED)
        row = Payout.objects.aggregate(
            created=Count("pk"),
            created_azn=Sum("amount"),
            paid=Count("pk", filter=paid),
            paid_azn=Sum("amount", filter=paid),
            failed=Count("pk", filter=failed),
            failed_azn=Sum("amount", filter=failed),
        )
        count = CounterMetricFamily(
            "market_payouts", "Payouts to residents, by status.", labels=["status"]
        )
        # Decimal to float for the metric only: the ledger stays exact.
        amount = CounterMetricFamily(
            "market_payouts_azn",
            "Amount of payouts to residents in AZN, by status.",
            labels=["status"],
        )
        for status in ("created", "paid", "failed"):
            count.add_metric([status], row[status])
            amount.add_metric([status], float(row[f"{status}_azn"] or 0))
        yield count
        yield amount


def _process_collectors():
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # Every process's files in the folder, summed (live and exited).
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return registry
    return REGISTRY


class _Scrape:
    def collect(self):
        yield from _process_collectors().collect()
        yield from DatabaseCollector().collect()


def exposition() -> bytes:
    """The text a scrape gets."""
    return generate_latest(_Scrape())


def _authorised(request) -> bool | None:
    """True for the right bearer token, False for a wrong one, None for none."""
    scheme, _space, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        return None
    return hmac.compare_digest(
        given.strip().encode(), settings.MARKET_METRICS_TOKEN.encode()
    )


@require_safe
def metrics_view(request):
    """/metrics: 404 while MARKET_METRICS_TOKEN is unset, 401 without a bearer
    token, 403 with a wrong one. Never cached."""
    if not settings.MARKET_METRICS_TOKEN:
        response = HttpResponseNotFound()
        response["Cache-Control"] = "no-store"
        return response
    authorised = _authorised(request)
    if authorised is None:
        response = HttpResponse(status=401)
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
    elif not authorised:
        response = HttpResponse(status=403)
    else:
        response = HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
    response["Cache-Control"] = "no-store"
    return response
