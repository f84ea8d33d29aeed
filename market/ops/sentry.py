"""Error reports to Sentry (or any server speaking its protocol) when
SENTRY_DSN is set: production and `make serve` call `sentry_init()` from
their settings.

No personal data: no cookies, no Authorization header, no user, no IP
(send_default_pii=False), no request bodies, no local variables of the
stack frames, no query strings, and secret URL parts (download and
confirmation tokens) replaced. Each report carries the request id as the
tag ``request_id``, the same id as the log lines and the X-Request-ID header.
"""

from urllib.parse import urlsplit, urlunsplit

from . import requestid


def _redact_url(url: str) -> str:
    from django.urls import Resolver404, resolve

    from .access import redacted_path

    parts = urlsplit(url)
    try:
        match = resolve(parts.path)
    except Resolver404:
        match = None
    except Exception:  # noqa: BLE001 - a report must never fail on its URL
        return urlunsplit((parts.scheme, parts.netloc, "", "", ""))
    return urlunsplit(
        (parts.scheme, parts.netloc, redacted_path(parts.path, match), "", "")
    )


def before_send(event: dict, hint: dict) -> dict:
    """Tag the report with the request id; strip query strings and secret
    path parts."""
    request_id = requestid.current()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    request = event.get("request")
    if isinstance(request, dict):
        request.pop("query_string", None)
        request.pop("cookies", None)
        if isinstance(request.get("url"), str):
            request["url"] = _redact_url(request["url"])
    return event


def sentry_init(
    *, dsn: str, environment: str, release: str, traces_sample_rate: float
) -> bool:
    """Start reporting to `dsn` (nothing when it is empty). Returns whether
    reporting is on."""
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        # Frames' local variables and request bodies hold what the buyer
        # typed and what the database was asked (a session key among the
        # SQL parameters): never sent.
        include_local_variables=False,
        max_request_body_size="never",
        environment=environment or None,
        release=release or None,
        # 0 turns tracing off altogether (no transactions made, then dropped).
        traces_sample_rate=traces_sample_rate or None,
        before_send=before_send,
        before_send_transaction=before_send,
    )
    return True
