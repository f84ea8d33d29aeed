"""Personal access tokens of the demo, with secrets published in the README
so its curl examples work: one for the demo resident's shop, one for the
Berlin gallery (a business buyer of the trade demo). Made here, with a
fixed secret, because the product code only ever makes random ones
(market.api.services.access_token_create); the row is stored as any token
is: its SHA-256 hash and its prefix. Loaded only where the demo is allowed
(never in production)."""

from __future__ import annotations

from market.accounts.models import User
from market.api.models import AccessToken
from market.api.scopes import BUYER_SCOPES, RESIDENT_SCOPES
from market.api.services import token_hash
from market.residents.models import Resident

# Demo only: published in the README.
RESIDENT_TOKEN = "cm_demoshop_creative-market-demo-resident-token-2026"  # noqa: S105
BUYER_TOKEN = "cm_demobuyr_creative-market-demo-gallery-token-2026"  # noqa: S105


def _token(user: User, token: str, name: str, scopes, resident=None) -> AccessToken:
    prefix = token.split("_", 2)[1]
    row, _created = AccessToken.objects.update_or_create(
        prefix=prefix,
        defaults={
            "user": user,
            "resident": resident,
            "name": name,
            "scopes": sorted(scopes),
            "token_hash": token_hash(token),
            "expires_at": None,
            "revoked_at": None,
        },
    )
    return row


def demo_access_tokens(*, resident_email: str, buyer_email: str) -> int:
    """The two demo tokens (made again, unchanged, on every load); returns
    how many were made or refreshed."""
    made = 0
    person = User.objects.filter(email=resident_email).first()
    resident = (
        Resident.objects.filter(partner__users=person).order_by("pk").first()
        if person
        else None
    )
    if resident is not None:
        _token(person, RESIDENT_TOKEN, "Demo shop token", RESIDENT_SCOPES, resident)
        made += 1
    buyer = User.objects.filter(email=buyer_email).first()
    if buyer is not None:
        _token(buyer, BUYER_TOKEN, "Demo gallery token", BUYER_SCOPES)
        made += 1
    return made
