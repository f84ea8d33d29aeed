"""The page cache: whole pages for anonymous visitors, served without running
the view (issue 16: a press article about the Centre cannot take the site
down).

A page is stored only when its view opted in (`cacheable_page`, or the
Wagtail hook for live public pages) and the visitor is anonymous with
nothing of their own on the page: no basket, no pending messages, no
recently viewed products. It is kept under a key of the site (host), the
path with its query string, the language, the buyer's currency and the
buyer's destination country, and under the cache's generation, which every
change to what pages show (a product, a price, a stock record, a page, a
resident, a rate...) moves on (`page_cache_changed`); entries expire after
MARKET_PAGE_CACHE_SECONDS (60 by default) whatever happens, so time-based
states (a course's enrolment closing, a hold expiring) are at most that late.

Two things in a page belong to one visitor: the CSRF token of its forms and
the Content-Security-Policy nonce of its scripts. They are stored as
placeholders and filled in for each visitor who is served the page (their own
CSRF token, which sets their cookie, and their request's nonce, which the CSP
header then names).

Signed-in visitors, baskets, checkout, the dashboards and any POST never meet
the cache. MARKET_PAGE_CACHE=False turns it off (the benchmark measures both).
"""

from __future__ import annotations

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.utils import translation

GENERATION_KEY = "page-cache:generation"
CSRF_PLACEHOLDER = b"__market_csrf_token__"
NONCE_PLACEHOLDER = b"__market_csp_nonce__"
HIT_HEADER = "X-Page-Cache"
MAX_QUERY_STRING = 512
MESSAGES_COOKIE = "messages"  # django.contrib.messages CookieStorage.cookie_name
# Masked CSRF tokens are 64 letters and digits.
_TOKEN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Link")


def enabled() -> bool:
    return bool(getattr(settings, "MARKET_PAGE_CACHE", False))


def cacheable_page(request) -> None:
    """A view's (or a page's) word that what it renders is the same for
    every anonymous visitor with the same site, language, currency and
    destination."""
    request._market_page_cacheable = True


# --- invalidation ----------------------------------------------------------


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = 1
        cache.add(GENERATION_KEY, value, timeout=None)
    return value


def page_cache_changed() -> None:
    """Forget every cached page: now, and again when the current transaction
    commits (a page rendered meanwhile from the old rows is dropped too)."""

    def bump():
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # expired or never set
            cache.set(GENERATION_KEY, generation() + 1, timeout=None)

    bump()
    transaction.on_commit(bump)


# --- who may be served from the cache ---------------------------------------


def _visitor_may_share(request) -> bool:
    """An anonymous GET with nothing of the visitor's own on the page."""
    if request.method not in ("GET", "HEAD"):
        return False
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
        return False
    cookies = request.COOKIES
    if cookies.get(settings.OSCAR_BASKET_COOKIE_OPEN):
        return False
    if cookies.get(settings.OSCAR_RECENTLY_VIEWED_COOKIE_NAME):
        return False
    if cookies.get(MESSAGES_COOKIE):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.session_key is not None:
        # A session of an anonymous visitor: messages or a basket of theirs
        # keep them out; a chosen currency or country is in the key.
        if session.get("_messages") or session.get("checkout_data"):
            return False
    return True


def _key(request) -> str:
    from market.currencies.selectors import buyer_currency
    from market.export.destination import buyer_destination

    question = "|".join(
        [
            request.get_host(),
            request.get_full_path(),
            translation.get_language() or "",
            buyer_currency(request),
            buyer_destination(request),
        ]
    )
    digest = hashlib.sha256(question.encode()).hexdigest()[:40]
    return f"page-cache:{generation()}:{digest}"


# --- storing and serving ---------------------------------------------------


def _masked_tokens_to_placeholder(content: bytes, secret: str | None) -> bytes:
    if not secret:
        return content

    def swap(match: re.Match) -> bytes:
        token = match.group(0).decode()
        try:
            mine = _unmask_cipher_token(token) == secret
        except Exception:  # not a token after all
            mine = False
        return CSRF_PLACEHOLDER if mine else match.group(0)

    return _TOKEN.sub(swap, content)


def _entry(request, response) -> dict | None:
    """What to store of `response`, or None when it must not be stored."""
    if response.status_code != 200 or response.streaming:
        return None
    if not response.get("Content-Type", "").startswith("text/html"):
        return None
    # Cookies the view set belong to this visitor: only Oscar's history
    # cookie is expected (the stored page shows no history either way).
    history = settings.OSCAR_RECENTLY_VIEWED_COOKIE_NAME
    if any(name != history for name in response.cookies):
        return None
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return None
    if response.has_header("Cache-Control") and "private" in response["Cache-Control"]:
        return None
    content = response.content
    content = _masked_tokens_to_placeholder(content, request.META.get("CSRF_COOKIE"))
    nonce = getattr(request, "_csp_nonce", None)
    if nonce:
        content = content.replace(nonce.encode(), NONCE_PLACEHOLDER)
    return {
        "content": content,
        "headers": {
            name: response[name] for name in _KEPT_HEADERS if response.has_header(name)
        },
    }


def _response(request, entry: dict):
    from django.http import HttpResponse

    content = entry["content"]
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    if NONCE_PLACEHOLDER in content:
        nonce = getattr(request, "csp_nonce", None)
        if nonce is None:  # no CSP middleware: scripts need no nonce
            content = content.replace(b' nonce="' + NONCE_PLACEHOLDER + b'"', b"")
        else:
            content = content.replace(NONCE_PLACEHOLDER, str(nonce).encode())
    response = HttpResponse(content)
    for name, value in entry["headers"].items():
        response[name] = value
    response[HIT_HEADER] = "hit"
    return response


class PageCacheMiddleware:
    """Serves and stores anonymous pages (see the module's docstring). Last
    in MIDDLEWARE: the language, the session, the user and the CSRF and CSP
    machinery are in place before it looks."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enabled() or not _visitor_may_share(request):
            return self.get_response(request)
        key = _key(request)
        entry = cache.get(key)
        if entry is not None:
            return _response(request, entry)
        response = self.get_response(request)
        if getattr(request, "_market_page_cacheable", False):
            entry = _entry(request, response)
            if entry is not None and _visitor_may_share(request):
                cache.set(key, entry, settings.MARKET_PAGE_CACHE_SECONDS)
                response[HIT_HEADER] = "miss"
        return response


# --- what changes pages -------------------------------------------------------

# Apps whose rows pages show. Any save or delete there forgets every cached
# page (a price or a text shows at once); rows that pages never show are
# left out below, so that rendering a page (a rendition, a thumbnail) or
# editing a draft does not empty the cache.
SHOWN_APPS = {
    "catalogue",
    "partner",
    "residents",
    "cms",
    "wagtailcore",
    "wagtailimages",
    "currencies",
    "export",
    "learning",
    "reviews",
    "market_reviews",
    "offer",
    "wagtailredirects",
}
NOT_SHOWN = {
    ("wagtailcore", "revision"),
    ("wagtailcore", "pagelogentry"),
    ("wagtailcore", "modellogentry"),
    ("wagtailcore", "pagesubscription"),
    ("wagtailcore", "taskstate"),
    ("wagtailcore", "workflowstate"),
    ("wagtailcore", "comment"),
    ("wagtailcore", "commentreply"),
    ("wagtailcore", "referenceindex"),
    ("wagtailimages", "rendition"),
}


def shows(model) -> bool:
    meta = model._meta
    return (
        meta.app_label in SHOWN_APPS
        and (meta.app_label, meta.model_name) not in NOT_SHOWN
    )


def _changed(sender, **kwargs) -> None:
    if kwargs.get("raw"):  # fixtures
        return
    if shows(sender):
        page_cache_changed()


def connect_signals() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save

    post_save.connect(_changed, dispatch_uid="market.page_cache.save")
    post_delete.connect(_changed, dispatch_uid="market.page_cache.delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="market.page_cache.m2m")


def _m2m_changed(sender, instance, action, **kwargs) -> None:
    if action.startswith("post_") and shows(type(instance)):
        page_cache_changed()
