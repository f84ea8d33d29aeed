"""Writes of the open API: making and revoking personal access tokens."""

import hashlib
import secrets
import string
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from market.accounts.models import User
from market.residents.models import Resident
from market.residents.selectors import resident_may_act

from .models import AccessToken, live_tokens_q
from .scopes import scopes_for

TOKEN_PREFIX = "cm"  # noqa: S105 (the public start of every token)
PREFIX_ALPHABET = string.ascii_lowercase + string.digits
PREFIX_LENGTH = 8
# How often `last_used_at` is written, at most.
LAST_USED_EVERY_SECONDS = 60


def token_hash(token: str) -> str:
    """The SHA-256 of a whole token, as stored. The secret has 256 bits of
    entropy, so a plain hash (no slow KDF) is enough, and cheap per request."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _new_token() -> tuple[str, str]:
    prefix = "".join(secrets.choice(PREFIX_ALPHABET) for _i in range(PREFIX_LENGTH))
    return prefix, f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"


@transaction.atomic
def access_token_create(
    *,
    user: User,
    name: str,
    scopes: list[str],
    resident: Resident | None = None,
    expires_at: datetime | None = None,
) -> tuple[AccessToken, str]:
    """A new token for `user` (acting for `resident` when given, who must be
    one of theirs and may act now); returns the row and the token itself,
    which is shown once and never stored."""
    name = (name or "").strip()
    errors = {}
    if not name or len(name) > 100 or any(not char.isprintable() for char in name):
        errors["name"] = _("Give the token a name of one line, up to 100 characters.")
    allowed = scopes_for(resident_token=resident is not None)
    unknown = [scope for scope in scopes if scope not in allowed]
    if not scopes:
        errors["scopes"] = _("Choose at least one scope.")
    elif unknown:
        errors["scopes"] = _("Unknown scope: %(scopes)s.") % {
            "scopes": ", ".join(sorted(unknown))
        }
    now = timezone.now()
    if expires_at is not None and expires_at <= now:
        errors["expires_at"] = _("The expiry must be in the future.")
    if errors:
        raise ValidationError(errors)
    if resident is not None and not (
        resident_may_act(resident)
        and resident.partner.users.filter(pk=user.pk).exists()
    ):
        raise PermissionDenied(_("Your shop is not open: this cannot be done now."))
    # Lock the user's row: two forms posted at once cannot both pass the cap.
    User.objects.select_for_update().filter(pk=user.pk).first()
    live = AccessToken.objects.filter(live_tokens_q(now), user=user).count()
    if live >= settings.MARKET_API_TOKENS_PER_USER:
        raise ValidationError(
            ngettext(
                "You have %(count)d live token, the most allowed: revoke it first.",
                "You have %(count)d live tokens, the most allowed: revoke one first.",
                live,
            )
            % {"count": live}
        )
    prefix, token = _new_token()
    row = AccessToken.objects.create(
        user=user,
        resident=resident,
        name=name,
        scopes=sorted(set(scopes)),
        prefix=prefix,
        token_hash=token_hash(token),
        expires_at=expires_at,
    )
    return row, token


def access_token_revoke(*, user: User, token_id: int) -> AccessToken:
    """Revoke one of `user`'s tokens (once; revoking again changes nothing).
    Another user's token is AccessToken.DoesNotExist."""
    with transaction.atomic():
        row = AccessToken.objects.select_for_update().get(pk=token_id, user=user)
        if row.revoked_at is None:
            row.revoked_at = timezone.now()
            row.save(update_fields=["revoked_at"])
    return row


def access_token_touch(*, token: AccessToken, now: datetime | None = None) -> None:
    """Note that the token was used, at most once a minute (a conditional
    UPDATE: no lock, no write on most requests)."""
    now = now or timezone.now()
    since = now - timedelta(seconds=LAST_USED_EVERY_SECONDS)
    if token.last_used_at is not None and token.last_used_at > since:
        return
    AccessToken.objects.filter(pk=token.pk).filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lte=since)
    ).update(last_used_at=now)
    token.last_used_at = now
