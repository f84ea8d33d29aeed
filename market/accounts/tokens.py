"""One-use links mailed to an address: confirming a new account, and
confirming a change of the account's address."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import signing

EMAIL_CHANGE_SALT = "market.accounts.email-change"
GUEST_CLAIM_SALT = "market.accounts.guest-claim"


class ConfirmationTokenGenerator(PasswordResetTokenGenerator):
    """Like the password-reset token (expires after PASSWORD_RESET_TIMEOUT),
    with a salt of its own, and spent once the account is confirmed."""

    key_salt = "market.accounts.tokens.ConfirmationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return (
            f"{user.pk}{user.password}{user.is_active}{user.email_confirmed}"
            f"{user.email}{timestamp}"
        )


confirmation_tokens = ConfirmationTokenGenerator()


def email_change_token(*, user, new_email: str) -> str:
    """A signed token naming the account, its address now and the new one: it
    works only while the account still has the old address (so once)."""
    return signing.dumps(
        {"user": user.pk, "old": user.email, "new": new_email}, salt=EMAIL_CHANGE_SALT
    )


def email_change_read(token: str) -> dict | None:
    """The token's content, or None when it is forged or older than
    PASSWORD_RESET_TIMEOUT."""
    try:
        return signing.loads(
            token, salt=EMAIL_CHANGE_SALT, max_age=settings.PASSWORD_RESET_TIMEOUT
        )
    except signing.BadSignature:
        return None


def guest_claim_token(email: str) -> str:
    """A signed token naming a guest's address, mailed to that address: whoever
    opens it has the mailbox. Expires after PASSWORD_RESET_TIMEOUT."""
    return signing.dumps({"email": email.strip().lower()}, salt=GUEST_CLAIM_SALT)


def guest_claim_read(token: str) -> str | None:
    """The address a guest-claim token names, or None (forged, expired)."""
    try:
        data = signing.loads(
            token, salt=GUEST_CLAIM_SALT, max_age=settings.PASSWORD_RESET_TIMEOUT
        )
    except signing.BadSignature:
        return None
    email = data.get("email") if isinstance(data, dict) else None
    return email if isinstance(email, str) and email else None
