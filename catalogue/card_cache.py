"""Rendered product cards, kept for every visitor (issue 16).

A card is the same for everyone who sees it with the same site, language,
currency and destination: one strategy prices for everyone, a course's seats
are seats left to anyone, and nothing in a card names the visitor. The one
thing of the visitor's own is the CSRF token of its "Add to cart" form; it
is stored as a placeholder and filled in with the visitor's token whenever
the card is shown, exactly as the page cache does for whole pages. So unlike
the page cache, signed-in buyers, residents and staff are served from it too:
a page of 24 cards (catalogue, category, search, a resident's shop, the home
blocks) renders only the cards it has not met within the last minute.

A card is kept under the page cache's generation, which every change to what
pages show moves on (a product, a price, a stock record, a resident, a rate:
`market.page_cache.page_cache_changed`), and for at most
MARKET_PAGE_CACHE_SECONDS, so time-based states (a course's enrolment
closing, units held by baskets) are at most that late. MARKET_CARD_CACHE=0
turns it off (the test settings do: tests change rows behind the signals'
back; tests/catalogue/test_card_cache.py tests it on its own).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

# Angle brackets: text anyone typed (a title, a name) is escaped wherever a
# card or block shows it, so it can never contain the placeholder itself.
CSRF_PLACEHOLDER = "<market-card-csrf>"


def enabled() -> bool:
    return bool(getattr(settings, "MARKET_CARD_CACHE", False))


def eager(context) -> bool:
    """Whether the card's picture loads at once (the first two of a grid)."""
    number = context.get("card_number")
    return bool(number) and number <= 2


def _visitor_part(request) -> str:
    from market.currencies.selectors import buyer_currency
    from market.export.destination import buyer_destination
    from market.page_cache import generation

    if request is None:
        return ""
    return "|".join(
        [
            str(generation()),
            request.get_host(),
            translation.get_language() or "",
            buyer_currency(request),
            buyer_destination(request),
        ]
    )


def fragment_key(request, kind: str, *parts) -> str | None:
    """The key of a fragment kept for every visitor (`kind` and `parts` name
    it: a card's product, a home block's value), or None when fragments are
    not kept (off, or no request)."""
    if not enabled() or request is None:
        return None
    visitor = getattr(request, "_market_card_visitor", None)
    if visitor is None:
        visitor = request._market_card_visitor = _visitor_part(request)
    question = "|".join([visitor, kind, *map(str, parts)])
    return f"{kind}:" + hashlib.sha256(question.encode()).hexdigest()[:40]


def key(request, product, *, eager: bool) -> str | None:
    """A product card's key (see `fragment_key`)."""
    return fragment_key(
        request, "card", product.pk, product.date_updated, "e" if eager else "l"
    )


def fetch(keys: list[str]) -> dict[str, str]:
    """The kept cards among `keys`, in one round trip."""
    return cache.get_many(keys) if keys else {}


def _token(context) -> str:
    token = context.get("csrf_token")
    return str(token) if token and str(token) != "NOTPROVIDED" else ""


def shown(context, html: str) -> str:
    """A kept card with this visitor's CSRF token in it."""
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, _token(context))
    return html


def keep(context, card_key: str, html: str) -> None:
    """Keep a card just rendered, its CSRF token swapped for the placeholder."""
    token = _token(context)
    stored = html.replace(token, CSRF_PLACEHOLDER) if token else html
    cache.set(card_key, stored, settings.MARKET_PAGE_CACHE_SECONDS)
