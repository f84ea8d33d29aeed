"""Counters and latencies of this process, in the Prometheus format.

The services count where things happen (one line each): a checkout begun,
placed, refused or refunded. Requests are counted by the request middleware
(market/ops/access.py). Queue depths and payouts are read from the database
when /metrics is scraped (market/ops/scrape.py), so they are exact whichever
process did the work.

Gunicorn runs several worker processes: with PROMETHEUS_MULTIPROC_DIR set
(before the processes start), every process writes its counters to files in
that folder and a scrape sums them (prometheus_client's multiprocess mode;
market/gunicorn.conf.py forgets the files of a worker that exits).
"""

import functools

from django.db import transaction
from prometheus_client import Counter, Histogram

METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
CHECKOUT_EVENTS = ("begun", "placed", "refused", "refunded")
REFUSAL_REASONS = ("rule", "payment")

REQUESTS = Counter(
    "market_http_requests",
    "HTTP requests answered, by method and status class (2xx, 3xx, 4xx, 5xx).",
    ["method", "status"],
)
REQUEST_SECONDS = Histogram(
    "market_http_request_duration_seconds",
    "Time to answer a request, by route (the URL pattern's name, not the path).",
    ["route"],
)
CHECKOUTS = Counter(
    "market_checkouts",
    "Checkouts begun (stock held, payment asked), placed (an order), refused "
    "(by a rule or the payment provider) and refunded (a refund given back).",
    ["event"],
)
CHECKOUT_REFUSALS = Counter(
    "market_checkout_refusals",
    "Checkouts refused, by reason: rule (a business rule: stock, limits, "
    "totals, a paid checkout that could not be placed) or payment (the "
    "payment provider failed).",
    ["reason"],
)
for _event in CHECKOUT_EVENTS:
    CHECKOUTS.labels(_event)
for _reason in REFUSAL_REASONS:
    CHECKOUT_REFUSALS.labels(_reason)


def request_observed(*, method: str, status: int, route: str, seconds: float) -> None:
    """One answered request (the cardinality is bounded: known methods, five
    status classes, the site's URL patterns)."""
    REQUESTS.labels(
        method if method in METHODS else "other", f"{min(max(status // 100, 1), 5)}xx"
    ).inc()
    REQUEST_SECONDS.labels(route).observe(seconds)


def _after_commit(event: str) -> None:
    # Counted once the write is kept: a rolled-back or retried transaction
    # counts nothing (outside a transaction, at once).
    transaction.on_commit(CHECKOUTS.labels(event).inc)


def checkout_placed() -> None:
    """An order was placed (counted when its transaction commits)."""
    _after_commit("placed")


def checkout_refunded() -> None:
    """A refund went back to the buyer (counted when its transaction commits)."""
    _after_commit("refunded")


def checkout_refused(reason: str, *, after_commit: bool = False) -> None:
    """A checkout was refused: by a rule ("rule") or by the payment provider
    ("payment")."""

    def count() -> None:
        CHECKOUTS.labels("refused").inc()
        CHECKOUT_REFUSALS.labels(reason).inc()

    if after_commit:
        transaction.on_commit(count)
    else:
        count()


def checkout_begin_counted(refusal: type[Exception], payment_failure: type[Exception]):
    """Decorates the service that begins a checkout: counts it begun when it
    returns, refused ("rule") when it raises `refusal`, refused ("payment")
    when it raises `payment_failure`."""

    def decorator(function):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            try:
                result = function(*args, **kwargs)
            except refusal:
                checkout_refused("rule")
                raise
            except payment_failure:
                checkout_refused("payment")
                raise
            _after_commit("begun")
            return result

        return wrapper

    return decorator
