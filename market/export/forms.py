"""Forms of shipping profiles (the resident's dashboard and the staff's
Wagtail admin). Countries are chosen by name, in the visitor's language;
the form hands on ISO codes. The forms only parse: the services in
services_profiles.py decide and write."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from market.validators import validate_one_line

from .countries import country_choices

MONEY = {"max_digits": 12, "decimal_places": 2, "min_value": Decimal("0")}


class ShippingProfileForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        validators=[validate_one_line],
        help_text=_("Only you see it, for example “Parcels up to 2 kg”."),
    )


class ShippingZoneForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        validators=[validate_one_line],
        help_text=_("For example “Azerbaijan” or “Europe”."),
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries"),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "country-list"}),
        error_messages={"required": _("Choose at least one country.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Names in the language of this request, sorted in it.
        self.fields["countries"].choices = country_choices()


class ShippingRateForm(forms.Form):
    carrier = forms.CharField(
        label=_("Carrier or service"),
        max_length=120,
        validators=[validate_one_line],
        help_text=_("For example “Azərpoçt EMS” or “Pick-up at the Centre, Baku”."),
    )
    min_days = forms.IntegerField(label=_("Delivery from (days)"), min_value=0)
    max_days = forms.IntegerField(label=_("Delivery up to (days)"), min_value=0)
    first_item = forms.DecimalField(
        label=_("First item (AZN)"), initial=Decimal("0.00"), **MONEY
    )
    each_additional = forms.DecimalField(
        label=_("Each additional item (AZN)"), initial=Decimal("0.00"), **MONEY
    )
    free_over = forms.DecimalField(
        label=_("Free from an order of (AZN)"),
        required=False,
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
    )

    def clean(self):
        data = super().clean()
        low, high = data.get("min_days"), data.get("max_days")
        if low is not None and high is not None and low > high:
            raise ValidationError(
                _("The shortest delivery time is longer than the longest.")
            )
        return data


class WeightBandForm(forms.Form):
    max_grams = forms.IntegerField(label=_("Up to (grams)"), min_value=1)
    price = forms.DecimalField(label=_("Price (AZN)"), **MONEY)


class BaseWeightBandFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        limits = [band[0] for band in self.bands()]
        if len(set(limits)) != len(limits):
            raise ValidationError(_("Two bands end at the same weight."))

    def bands(self) -> list[tuple[int, Decimal]]:
        """(up to grams, price) of every filled, not deleted band."""
        return [
            (form.cleaned_data["max_grams"], form.cleaned_data["price"])
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("max_grams") is not None
        ]


WeightBandFormSet = forms.formset_factory(
    WeightBandForm, formset=BaseWeightBandFormSet, extra=3, can_delete=True
)


def add_service_error(form: forms.Form, error: ValidationError) -> None:
    """Show a service's refusal on the form: on its field when the form has
    one, above the form otherwise."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        target = field if field in form.fields else None
        if field == NON_FIELD_ERRORS:
            target = None
        for message in errors:
            form.add_error(target, message)
