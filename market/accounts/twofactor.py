"""Two-factor sign-in (TOTP, django-otp) for any account; required for staff
when MARKET_STAFF_REQUIRE_2FA is on (production's default).

A person turns it on from their account (an authenticator app scans a QR code
drawn on the server as SVG; the secret is also shown as text), confirms with
one code, and gets ten one-time backup codes. From then on, signing in with
the password on any form (the shop's, /cms/, Oscar's dashboard) leaves the
session unverified: TwoFactorMiddleware, the one rule every door asks, sends
every request to the code page until a code is given. Wrong codes are slowed
down by django-otp's throttling (1, 2, 4, 8... seconds between tries); a code
works once.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

import segno
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODES = 10
DEVICE_NAME = "authenticator"
# An app's code: six digits (TOTPDevice's default). Backup codes are eight
# letters and digits, so a code's shape says which device it belongs to.
APP_CODE_DIGITS = 6


def is_on(user) -> bool:
    return user.is_authenticated and user_has_device(user, confirmed=True)


def staff_must_use(user) -> bool:
    return bool(settings.MARKET_STAFF_REQUIRE_2FA) and (
        user.is_staff or user.is_superuser
    )


def setup_device(user) -> TOTPDevice:
    """The unconfirmed authenticator being set up (made once, kept until
    confirmed, so reloading the page shows the same QR code)."""
    device = (
        TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    )
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The key as people type it into an app: base32 in groups of four."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(device: TOTPDevice, title: str) -> str:
    """The otpauth:// address as an inline SVG QR code (no script, no style),
    dark on white whatever the page's colours."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=5,
        title=title,
        svgclass="totp-qr",
        lineclass=None,
        light="#fff",
        omitsize=True,
    )


def _clean(token: str) -> str:
    return "".join((token or "").split()).lower()[:16]


@dataclass(frozen=True)
class Check:
    """The outcome of a code: the device it matched, or why not."""

    device: object | None = None
    wait_until: timezone.datetime | None = None


class Throttled(Exception):
    """Too many wrong codes lately: no code is tried until wait_until."""

    def __init__(self, wait_until):
        super().__init__(wait_until)
        self.wait_until = wait_until


def _wait_until(device):
    """When django-otp's throttling lets the device try a code again, or None
    when it may try one now."""
    allowed, data = device.verify_is_allowed()
    if allowed:
        return None
    return (data or {}).get("locked_until") or timezone.now()


def _is_app_code(token: str) -> bool:
    return token.isdigit() and len(token) == APP_CODE_DIGITS


@transaction.atomic
def setup_confirm(*, user, device_pk: int, token: str) -> list[str] | None:
    """Confirm the authenticator with its first code: returns the new backup
    codes (shown once), or None for a wrong code (nothing changes). Raises
    Throttled, without trying the code, after too many wrong ones."""
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(pk=device_pk, user=user, confirmed=False)
        .first()
    )
    if device is None:
        return None
    wait_until = _wait_until(device)
    if wait_until is not None:
        raise Throttled(wait_until)
    if not device.verify_token(_clean(token)):
        return None
    device.confirmed = True
    device.save()
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return backup_codes_renew(user=user)


@transaction.atomic
def backup_codes_renew(*, user) -> list[str]:
    """Ten new one-time codes; the old ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
    codes = [StaticToken.random_token() for _number in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=code) for code in codes
    )
    return codes


@transaction.atomic
def check_code(*, user, token: str) -> Check:
    """Try a code against every confirmed device of the person (rows locked:
    two requests cannot spend one code twice). A throttled device refuses
    every code until its wait ends."""
    token = _clean(token)
    wait_until = None
    # Six digits are an app's code, anything else a backup code (eight
    # characters, which may all be digits): only the device it can belong to
    # is tried (and slowed down when it is wrong).
    kind = TOTPDevice if _is_app_code(token) else StaticDevice
    for device in devices_for_user(user, confirmed=True, for_verify=True):
        if not isinstance(device, kind):
            continue
        locked = _wait_until(device)
        if locked is not None:
            if wait_until is None or locked > wait_until:
                wait_until = locked
            continue
        if token and device.verify_token(token):
            return Check(device=device)
    return Check(wait_until=wait_until)


@transaction.atomic
def turn_off(*, user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()
