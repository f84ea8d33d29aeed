"""Forms of residents' money: only the fields listed here are read from a
request (the rail and the Stripe account id are not fields: staff set them)."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from .iban import iban_normalise, validate_iban
from .models import validate_swift


class BankDetailsForm(forms.Form):
    """A resident's bank details."""

    account_holder = forms.CharField(label=_("Account holder"), max_length=200)
    iban = forms.CharField(
        label=_("IBAN"),
        max_length=50,
        help_text=_("For example AZ21 NABZ 0000 0000 1370 1000 1944"),
    )
    bank_name = forms.CharField(label=_("Bank name"), max_length=200, required=False)
    swift = forms.CharField(label=_("SWIFT/BIC"), max_length=14, required=False)

    def clean_iban(self) -> str:
        iban = iban_normalise(self.cleaned_data["iban"])
        validate_iban(iban)
        return iban

    def clean_swift(self) -> str:
        swift = self.cleaned_data["swift"].replace(" ", "").upper()
        if swift:
            validate_swift(swift)
        return swift


# A statement's period lies within these days: the shop did not exist before
# the first, and a date past the last is a typing error (or a probe).
STATEMENT_FIRST_DAY = datetime.date(2000, 1, 1)
STATEMENT_LAST_DAY = datetime.date(2100, 12, 31)


class StatementForm(forms.Form):
    """An optional period for a statement (dates inclusive)."""

    start = forms.DateField(label=_("From"), required=False)
    end = forms.DateField(label=_("To"), required=False)

    def _within_bounds(self, name: str):
        day = self.cleaned_data.get(name)
        if day is not None and not STATEMENT_FIRST_DAY <= day <= STATEMENT_LAST_DAY:
            raise forms.ValidationError(
                _("Choose a date between %(first)s and %(last)s.")
                % {
                    "first": STATEMENT_FIRST_DAY.isoformat(),
                    "last": STATEMENT_LAST_DAY.isoformat(),
                },
                code="out_of_range",
            )
        return day

    def clean_start(self):
        return self._within_bounds("start")

    def clean_end(self):
        return self._within_bounds("end")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("The start is after the end."))
        return cleaned


class MarkPaidForm(forms.Form):
    reference = forms.CharField(label=_("Bank reference"), max_length=200)


class MarkFailedForm(forms.Form):
    reason = forms.CharField(label=_("Why it failed"), max_length=500)
