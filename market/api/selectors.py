"""Reads of the open API: a user's tokens, and finding the token a request
carries."""

import hmac

from django.db.models import QuerySet

from market.accounts.models import User
from market.residents.models import Resident

from .models import AccessToken
from .services import PREFIX_LENGTH, TOKEN_PREFIX, token_hash


def user_tokens(*, user: User, resident: Resident | None) -> QuerySet:
    """`user`'s tokens of one kind: for `resident` (made in the shop
    dashboard), or the buyer's own (resident None); newest first."""
    tokens = AccessToken.objects.filter(user=user)
    if resident is None:
        return tokens.filter(resident__isnull=True)
    return tokens.filter(resident=resident)


def token_find(token: str) -> AccessToken | None:
    """The row of a presented token, or None. Found by its public prefix,
    then proven by comparing hashes in constant time."""
    parts = token.split("_", 2)
    if (
        len(parts) != 3
        or parts[0] != TOKEN_PREFIX
        or len(parts[1]) != PREFIX_LENGTH
        or not parts[1].isascii()
        or not parts[1].isalnum()
    ):
        return None
    row = (
        AccessToken.objects.filter(prefix=parts[1])
        .select_related("user", "resident__partner")
        .first()
    )
    if row is None or not hmac.compare_digest(row.token_hash, token_hash(token)):
        return None
    return row
