"""Where the buyer's parcels would go: known before the basket, so product
pages can say what shipping costs.

The shipping address's country when the checkout has one; else the country
the buyer picked (kept in the session, and in the account when signed in);
else the region of the browser's language ("de-DE" -> Germany); else the
site's home country (MARKET_HOME_COUNTRY)."""

from __future__ import annotations

import re

from django.conf import settings

from .countries import COUNTRY_CODES

SESSION_KEY = "destination_country"
_REGION = re.compile(r"^[a-zA-Z]{2,3}[-_]([a-zA-Z]{2})\b")


def _from_languages(header: str) -> str | None:
    for part in header.split(",")[:8]:
        match = _REGION.match(part.strip())
        if match and match.group(1).upper() in COUNTRY_CODES:
            return match.group(1).upper()
    return None


def buyer_destination(request) -> str:
    """The country code shipping is shown and charged for."""
    home = settings.MARKET_HOME_COUNTRY
    if request is None:
        return home
    session = getattr(request, "session", None)
    chosen = session.get(SESSION_KEY) if session is not None else None
    if chosen in COUNTRY_CODES:
        return chosen
    user = getattr(request, "user", None)
    saved = getattr(user, "destination_country", "") if user else ""
    if saved in COUNTRY_CODES:
        return saved
    return _from_languages(request.META.get("HTTP_ACCEPT_LANGUAGE", "")) or home


def destination_set(request, country: str) -> None:
    """Remember the buyer's country in the session and their account."""
    if country not in COUNTRY_CODES:
        raise ValueError(country)
    request.session[SESSION_KEY] = country
    user = request.user
    if user.is_authenticated and user.destination_country != country:
        user.destination_country = country
        user.save(update_fields=["destination_country"])
