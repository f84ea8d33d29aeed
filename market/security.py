"""The Content-Security-Policy of every response (django-csp), built per
request from settings: the public policy (scripts with the request's nonce),
the staff policy on the Wagtail admin and Oscar's dashboard, and Stripe.js's
origins, including localstripe's when STRIPE_JS_URL / STRIPE_API_BASE point at
it (the demo and the tests change those at run time, hence per request)."""

import re
from functools import cache
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings


@cache
def _staff_path(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def _origin(url: str) -> str | None:
    """The origin of a configured Stripe address other than Stripe's own
    (whose hosts MARKET_CSP_STRIPE lists per directive): localstripe's."""
    parts = urlsplit(url or "")
    hostname = parts.hostname or ""
    if hostname == "stripe.com" or hostname.endswith(".stripe.com"):
        return None
    if parts.scheme in {"http", "https"} and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def stripe_sources() -> dict[str, list[str]]:
    """Where Stripe.js is loaded from, frames and calls to: Stripe's own hosts,
    plus the configured Stripe.js and API origins (localstripe in the demo)."""
    stripe = settings.MARKET_CSP_STRIPE
    sources = {name: list(values) for name, values in stripe.items()}
    configured = {
        _origin(settings.STRIPE_JS_URL),
        _origin(settings.STRIPE_API_BASE),
    } - {None}
    for origin in sorted(configured):
        for directive in ("script-src", "frame-src", "connect-src"):
            if origin not in sources.setdefault(directive, []):
                sources[directive].append(origin)
    return sources


def _merged(first: dict, second: dict | None) -> dict:
    merged = {name: list(values) for name, values in first.items()}
    for name, values in (second or {}).items():
        merged.setdefault(name, []).extend(values)
    return merged


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the staff policy on staff paths and
    Stripe's origins added to whichever policy is on (enforced or report-only)."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        name = (
            "CONTENT_SECURITY_POLICY_REPORT_ONLY"
            if report_only
            else "CONTENT_SECURITY_POLICY"
        )
        if not getattr(settings, name, None):
            return parts
        staff = _staff_path(settings.MARKET_CSP_STAFF_PATH).match(request.path_info)
        if staff and parts.config is None:
            parts.config = default_config(settings.MARKET_CSP_STAFF_DIRECTIVES)
        parts.update = _merged(stripe_sources(), parts.update)
        return parts
