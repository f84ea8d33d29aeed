"""Signed, expiring download links bound to the grant, its buyer and its line.

The token is `TimestampSigner(salt="market.downloads").sign_object(...)` of
[grant id, user id, line id]: base64url and colons, safe in a URL path. A link
proves nothing alone: the view also requires the signed-in user to be the one
in the token, and `download_grant_use` re-checks the grant in the database.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from market.accounts.models import User

from .models import DownloadGrant, Refusal
from .services import DownloadRefused

SALT = "market.downloads"


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def download_token(*, grant: DownloadGrant) -> str:
    """A fresh token for the grant; it expires after MARKET_DOWNLOAD_LINK_MAX_AGE."""
    return _signer().sign_object([grant.pk, grant.user_id, grant.line_id])


def download_url(*, grant: DownloadGrant) -> str:
    """The path of a fresh download link for the grant (in the active language)."""
    return reverse("downloads:file", kwargs={"token": download_token(grant=grant)})


def grant_from_token(*, token: str, user: User) -> DownloadGrant:
    """The grant a token names, if the token is genuine, fresh and `user`'s.

    Raises DownloadRefused: EXPIRED (older than MARKET_DOWNLOAD_LINK_MAX_AGE),
    TAMPERED (bad signature, or ids that match no grant), NOT_YOURS (signed for
    another user). Revocation and the limit are checked when the grant is used.
    """
    try:
        payload = _signer().unsign_object(
            token, max_age=settings.MARKET_DOWNLOAD_LINK_MAX_AGE
        )
    except signing.SignatureExpired:
        raise DownloadRefused(Refusal.EXPIRED) from None
    except (signing.BadSignature, ValueError):
        raise DownloadRefused(Refusal.TAMPERED) from None
    if not (
        isinstance(payload, list)
        and len(payload) == 3
        and all(type(part) is int for part in payload)
    ):
        raise DownloadRefused(Refusal.TAMPERED)
    grant_id, user_id, line_id = payload
    if user_id != user.pk:
        raise DownloadRefused(Refusal.NOT_YOURS)
    grant = (
        DownloadGrant.objects.filter(pk=grant_id, user_id=user_id, line_id=line_id)
        .select_related("digital_file")
        .first()
    )
    if grant is None:
        raise DownloadRefused(Refusal.TAMPERED)
    return grant
