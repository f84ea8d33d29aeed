"""Which currency a page shows money in: the one door.

Every template that prints money loads ``currency_filters``; the project's
TEMPLATES setting maps that library name to our own
``market.currencies.templatetags.currency_tags`` (Oscar's filter of the same
name ignored the buyer). Its ``|currency`` filter has no template context, so
it asks this module, which knows the request being served (set by
`CurrentRequestMiddleware`, in a context variable, so threads and async
tasks never see each other's).

Storefront or back office is decided by the request's PATH, not by a tag in
each template: Oscar's dashboard alone has some forty templates using
``|currency``, and overriding each of them to add a tag would copy Oscar
wholesale. So:

* a storefront page shows AZN amounts converted into the buyer's currency
  (their choice, when it has a fresh rate; AZN otherwise);
* the back office (Oscar's dashboard, the Wagtail admin at /cms/, the
  resident's "my shop"), and anything rendered outside a request (e-mails,
  commands), shows amounts unconverted, in the currency they are stored in:
  staff and residents account in AZN.

Amounts that were charged are never re-converted: templates print the charge
record's own amount (market.currencies.selectors.order_charge).
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from decimal import Decimal

from django.conf import settings

from .selectors import buyer_currency_and_rate

_current_request: ContextVar = ContextVar("market_current_request", default=None)


def _back_office_pattern() -> re.Pattern:
    prefixes = "|".join(
        re.escape(code)
        for code, _name in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE
    )
    return re.compile(rf"^/(?:(?:{prefixes})/)?(?:dashboard|shop/my-shop)/|^/cms/")


class CurrentRequestMiddleware:
    """Remembers the request being served, for the ``|currency`` filter."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def current_request():
    return _current_request.get()


def is_back_office(request) -> bool:
    path = getattr(request, "path_info", None) or getattr(request, "path", "")
    return bool(_back_office_pattern().match(path or ""))


def display_currency_and_rate(request=None) -> tuple[str, Decimal]:
    """The currency (and its rate from AZN) this request's page shows prices
    in: the buyer's on storefront pages, AZN (rate 1) in the back office and
    outside any request."""
    if request is None:
        request = current_request()
    if request is None or is_back_office(request):
        return settings.MARKET_BASE_CURRENCY, Decimal("1")
    return buyer_currency_and_rate(request)
