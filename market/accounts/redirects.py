"""Where a visitor goes after signing in, registering, confirming an address
or giving a two-factor code: back to the page they came from (`next`), in
its language, or else the home page of the language they are reading. One
door for every view that follows a `next` (sign-in, registration, the
confirmation link, two-factor, "type your password again")."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme

NEXT = "next"
# A `next` longer than this is not a page of ours (and would bloat a mailed link).
NEXT_MAX_LENGTH = 1000


def language_home(language: str | None = None) -> str:
    """The home page in `language` (the active one by default): "/" for
    Azerbaijani, "/en/" and "/ru/" for the others."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        return reverse("wagtail_serve", args=[""])


def safe_target(target: str | None, *, host: str, secure: bool) -> str | None:
    """`target` when it is a path on this site (no other host, no scheme, no
    "//evil" or "/\\evil", no control characters), else None."""
    target = (target or "").strip()
    if (
        not target
        or len(target) > NEXT_MAX_LENGTH
        or not target.startswith("/")
        or any(ord(character) < 32 or ord(character) == 127 for character in target)
    ):
        return None
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={host}, require_https=secure
    ):
        return None
    return target


def safe_next(request, target: str | None = None) -> str:
    """The `next` of the request (POST first, then GET) or `target`, when it
    is safe; else the home page of the language the visitor is reading."""
    if target is None:
        target = request.POST.get(NEXT) or request.GET.get(NEXT)
    return (
        safe_target(target, host=request.get_host(), secure=request.is_secure())
        or language_home()
    )


def with_next(url: str, target: str | None) -> str:
    """`url` with `?next=target` (when there is a target)."""
    if not target:
        return url
    return f"{url}?{urlencode({NEXT: target})}"


def here(request) -> str:
    """The page to come back to from a sign-in link on this page: the page
    itself, or, on the sign-in and registration pages, the `next` they
    already carry (so a link there does not point back at itself)."""
    match = getattr(request, "resolver_match", None)
    if match is not None and match.view_name in {
        "customer:login",
        "customer:register",
        "customer:logout",
        "accounts:register-sent",
    }:
        return (
            safe_target(
                request.GET.get(NEXT),
                host=request.get_host(),
                secure=request.is_secure(),
            )
            or ""
        )
    return request.get_full_path()
