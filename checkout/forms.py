"""The checkout's forms: Oscar's, and the guest's e-mail address at the
gateway (in place of Oscar's GatewayForm, which signs in and registers too,
and tells a stranger whether an address has an account)."""

import unicodedata

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout.forms import *  # noqa: F403
from oscar.apps.customer.utils import normalise_email

from market.validators import validate_one_line


class GuestEmailForm(forms.Form):
    """The address a guest's confirmation, order link and account offer go
    to. One plain address: no line breaks, control characters, quoted or
    spaced local parts (anything that could add a mail header or hide a
    second address)."""

    # Not EmailField: it strips, and a line break at either end must be
    # refused, not trimmed.
    email = forms.CharField(
        label=_("Your e-mail address"),
        max_length=254,
        strip=False,
        validators=[validate_one_line, validate_email],
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_email(self):
        email = self.cleaned_data["email"]
        if any(
            character.isspace()
            or character in '"\\,;<>()[]'
            or unicodedata.category(character).startswith(("C", "Z"))
            for character in email
        ):
            raise forms.ValidationError(
                _("Enter one plain e-mail address, like name@example.com."),
                code="plain",
            )
        return normalise_email(email)
