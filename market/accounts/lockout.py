"""Password guessing is stopped on every sign-in form (django-axes).

The shop's sign-in (Oscar's AccountAuthView), the Wagtail admin's (/cms/login/)
and Oscar's dashboard's all call `django.contrib.auth.authenticate`, where
AxesBackend (first in AUTHENTICATION_BACKENDS) refuses a locked-out attempt
and the `user_login_failed` signal counts each failure. One place, every door.

An attempt is refused once MARKET_LOCKOUT_FAILURES failures were counted for
the address typed (whatever its case or spaces) OR for the client's IP address,
until MARKET_LOCKOUT_COOLOFF_MINUTES after the lock-out; staff can unlock
earlier (/cms/lockouts/). The refusal is our 429 page, in the shop's design and
the visitor's language; it says the same whether or not the address has an
account, so it tells a stranger nothing.
"""

from __future__ import annotations

import math
from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or, behind
    MARKET_TRUSTED_PROXY_COUNT reverse proxies, the address the outermost of
    them saw (the entry that many places from the right of X-Forwarded-For;
    entries further left are whatever the client typed and are ignored)."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = settings.MARKET_TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies][:45]


def login_name(request: HttpRequest, credentials: dict | None) -> str:
    """The address typed, as one counter per account: "A@x.az " and "a@x.az"
    are the same account (e-mail addresses are matched case-insensitively)."""
    credentials = credentials or {}
    value = credentials.get("username") or credentials.get("email")
    if value is None:
        data = request.POST if request is not None else {}
        value = data.get("username") or data.get("login-username") or ""
    return str(value).strip().lower()[:255]


def cool_off(request: HttpRequest | None = None) -> timedelta:
    """AXES_COOLOFF_TIME: read at each use, so tests can change it."""
    return timedelta(minutes=settings.MARKET_LOCKOUT_COOLOFF_MINUTES)


def failure_limit(request: HttpRequest | None, credentials: dict | None) -> int:
    """AXES_FAILURE_LIMIT: read at each use, so tests can change it."""
    return settings.MARKET_LOCKOUT_FAILURES


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """The 429 page: too many failed sign-ins; try again in N minutes or
    reset the password. Same text for every address."""
    minutes = math.ceil(cool_off().total_seconds() / 60)
    response = render(request, "429.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(int(cool_off().total_seconds()))
    return response
