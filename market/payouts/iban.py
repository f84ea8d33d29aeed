"""IBANs: normalising, ISO 7064 mod-97 check digits, validation."""

from __future__ import annotations

import re
import string

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Lengths of the countries residents bank in; any other country is checked
# for the general shape (15 to 34 characters) and the check digits only.
IBAN_LENGTHS = {"AZ": 28, "GE": 22, "TR": 26, "DE": 22, "GB": 22, "FR": 27}
_SHAPE = re.compile(r"^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$")
_AZ_SHAPE = re.compile(r"^AZ[0-9]{2}[A-Z]{4}[A-Z0-9]{20}$")


def iban_normalise(value: str) -> str:
    """Uppercase, without spaces or dashes: how an IBAN is stored."""
    return re.sub(r"[\s-]+", "", value or "").upper()


def _as_number(text: str) -> int:
    # Letters become two digits each: A=10 ... Z=35.
    return int("".join(str(int(char, 36)) for char in text))


def iban_check_digits(*, country: str, bban: str) -> str:
    """The two ISO 7064 mod-97-10 check digits of an IBAN."""
    remainder = _as_number(f"{bban}{country}00") % 97
    return f"{98 - remainder:02d}"


def iban_is_valid(value: str) -> bool:
    iban = iban_normalise(value)
    if not _SHAPE.match(iban):
        return False
    if iban[:2] in IBAN_LENGTHS and len(iban) != IBAN_LENGTHS[iban[:2]]:
        return False
    if iban[:2] == "AZ" and not _AZ_SHAPE.match(iban):
        return False
    if any(char not in string.ascii_uppercase + string.digits for char in iban):
        return False
    return _as_number(iban[4:] + iban[:4]) % 97 == 1


def validate_iban(value: str) -> None:
    if not iban_is_valid(value):
        raise ValidationError(
            _("This is not a valid IBAN: check the country code, length and digits."),
            code="invalid_iban",
        )
