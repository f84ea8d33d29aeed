"""Every request (after the health probes): its id, one access-log line and
its metrics. It also answers /metrics itself, before the host check and the
HTTPS redirect: Prometheus scrapes each web machine by its address over
plain HTTP (each has its own counters), and the token guards it.

The access line (logger ``market.access``, INFO) holds the method, the path
without its query string, with secret path parts (download and confirmation
tokens) replaced, the status, the duration in milliseconds, the route and the
request id. No cookies, no headers, no query strings.
"""

import logging
import time

from django.urls import Resolver404, resolve

from . import metrics, requestid, scrape

logger = logging.getLogger("market.access")

HEADER = "X-Request-ID"
METRICS_PATH = "/metrics"
REDACTED = "[redacted]"
# URL parameters that are secrets (market/downloads, market/accounts,
# market/learning sponsors): never written to a log or an error report.
SECRET_PARAMETERS = ("token", "uidb64", "key", "signature")


def _match(request):
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return match
    # Answered before URL resolution (the page cache): resolve it here.
    try:
        return resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return None


def redacted_path(path: str, match) -> str:
    """`path` with the values of secret URL parameters replaced."""
    if match is None:
        return path
    for name, value in match.kwargs.items():
        if any(secret in name.lower() for secret in SECRET_PARAMETERS):
            value = str(value)
            if value:
                path = path.replace(value, REDACTED)
    return path


def route_name(match) -> str:
    """A bounded label for a request: the URL pattern's name (namespaced), or
    its route when it has none; "unmatched" when nothing matched."""
    if match is None:
        return "unmatched"
    if match.url_name:
        return match.view_name
    return match.route or "unmatched"


class RequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = requestid.accepted(request.headers.get(HEADER))
        request.request_id = request_id
        started = time.perf_counter()
        with requestid.bound(request_id):
            scraped = request.path_info == METRICS_PATH
            if scraped:
                response = scrape.metrics_view(request)
            else:
                response = self.get_response(request)
            seconds = time.perf_counter() - started
            response[HEADER] = request_id
            match = None if scraped else _match(request)
            route = "metrics" if scraped else route_name(match)
            metrics.request_observed(
                method=request.method,
                status=response.status_code,
                route=route,
                seconds=seconds,
            )
            path = redacted_path(request.path, match)
            duration_ms = round(seconds * 1000, 1)
            logger.info(
                "%s %s %s %.1f ms",
                request.method,
                path,
                response.status_code,
                duration_ms,
                extra={
                    "method": request.method,
                    "path": path,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                    "route": route,
                },
            )
        return response
