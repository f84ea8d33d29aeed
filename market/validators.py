"""Validators shared by forms of several apps."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_one_line(value: str) -> None:
    """Text that ends up on one line (a name that becomes part of an
    e-mail's subject or header): no line breaks, tabs or other control
    characters. A newline there is an attempt to add mail headers."""
    if any(unicodedata.category(char) in ("Cc", "Zl", "Zp") for char in value):
        raise ValidationError(
            _("Write this on one line, without line breaks or control characters."),
            code="one_line",
        )
