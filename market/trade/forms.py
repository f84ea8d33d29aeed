"""Forms of wholesale quotes: they parse and bound input; the services
decide."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from market.export.countries import country_choices

from .models import (
    MAX_DEPOSIT_PERCENT,
    MAX_LEAD_DAYS,
    MAX_QUANTITY,
    MAX_SHIPPING,
    MAX_UNIT_PRICE,
    BusinessProfile,
)
from .rules import MESSAGE_MAX_LENGTH
from .services import ShippingAnswer


def _countries():
    return [("", "—"), *country_choices()]


class BusinessProfileForm(forms.ModelForm):
    """Who the buyer is: asked the first time they ask for a quote."""

    country = forms.ChoiceField(label=_("Country"), choices=_countries)

    class Meta:
        model = BusinessProfile
        fields = ["company_name", "country", "tax_number"]


@dataclass
class Offer:
    """One product the buyer may ask about: a stock record of the shop."""

    stockrecord_id: int
    title: str
    retail: Decimal | None
    field_name: str
    product_id: int
    listing_id: int


class AskForm(forms.Form):
    """Quantities of the shop's products (0: not wanted), destination,
    wished date and a message. One field per product offered."""

    destination = forms.ChoiceField(label=_("Destination country"), choices=_countries)
    wanted_by = forms.DateField(
        label=_("Wished delivery date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    message = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What it is for, sizes or colours, packaging, invoicing."),
    )

    def __init__(self, *args, offers: list[Offer], **kwargs):
        super().__init__(*args, **kwargs)
        self.offers = offers
        for offer in offers:
            self.fields[offer.field_name] = forms.IntegerField(
                label=offer.title,
                min_value=0,
                max_value=MAX_QUANTITY,
                required=False,
                widget=forms.NumberInput(attrs={"class": "form-control quantity"}),
            )

    def quantity_rows(self):
        return [(offer, self[offer.field_name]) for offer in self.offers]

    def wishes(self) -> list[tuple[int, int]]:
        return [
            (offer.stockrecord_id, self.cleaned_data[offer.field_name])
            for offer in self.offers
            if self.cleaned_data.get(offer.field_name)
        ]

    def clean(self):
        data = super().clean()
        if not self.errors and not self.wishes():
            raise forms.ValidationError(_("Give a quantity for at least one product."))
        return data


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    attachment = forms.FileField(
        label=_("Attach a photo or a PDF"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}
        ),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The buyer reads it."),
    )


class TradeTermsForm(forms.Form):
    makes_to_order = forms.BooleanField(
        label=_("I make to order"),
        required=False,
        help_text=_(
            "Businesses may ask for more than you have in stock; the units you "
            "quote are made for them."
        ),
    )


SHIPPING_FROM_PROFILE, SHIPPING_QUOTED = "profile", "quoted"


class QuoteForm(forms.Form):
    """The resident's quote: one unit price per requested line (prefilled
    with retail), lead time, shipping, validity and terms."""

    lead_time_days = forms.IntegerField(
        label=_("Lead time (days)"), min_value=0, max_value=MAX_LEAD_DAYS
    )
    shipping_source = forms.ChoiceField(
        label=_("Shipping"),
        choices=[
            (SHIPPING_FROM_PROFILE, _("From my shipping profile for the destination")),
            (SHIPPING_QUOTED, _("An amount I quote")),
        ],
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        initial=SHIPPING_FROM_PROFILE,
        required=False,
    )
    shipping_amount = forms.DecimalField(
        label=_("Shipping (AZN)"),
        required=False,
        min_value=Decimal("0.00"),
        max_value=MAX_SHIPPING,
        decimal_places=2,
    )
    shipping_carrier = forms.CharField(
        label=_("Carrier"), required=False, max_length=120
    )
    shipping_min_days = forms.IntegerField(
        label=_("Delivery from (days)"),
        required=False,
        min_value=0,
        max_value=MAX_LEAD_DAYS,
    )
    shipping_max_days = forms.IntegerField(
        label=_("Delivery up to (days)"),
        required=False,
        min_value=0,
        max_value=MAX_LEAD_DAYS,
    )
    valid_until = forms.DateField(
        label=_("Valid until"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    terms = forms.CharField(
        label=_("Terms"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Payment, packaging, what the price includes."),
    )

    deposit_percent = forms.IntegerField(
        label=_("Deposit (%)"),
        required=False,
        min_value=0,
        max_value=MAX_DEPOSIT_PERCENT,
        help_text=_(
            "For units you make to order: a share of the total paid at once, "
            "the rest before the parcel ships. Leave empty for none."
        ),
    )

    def __init__(self, *args, request_lines, ships: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.request_lines = request_lines
        self.ships = ships
        if not any(line.made_to_order for line in request_lines):
            # Served from stock: paid in full (the service says so too).
            del self.fields["deposit_percent"]
        for line in request_lines:
            self.fields[f"price_{line.pk}"] = forms.DecimalField(
                label=line.product.get_title(),
                min_value=Decimal("0.01"),
                max_value=MAX_UNIT_PRICE,
                decimal_places=2,
                initial=line.stockrecord.price,
                widget=forms.NumberInput(
                    attrs={"class": "form-control", "step": "0.01"}
                ),
            )
        if not ships:
            for name in (
                "shipping_source",
                "shipping_amount",
                "shipping_carrier",
                "shipping_min_days",
                "shipping_max_days",
            ):
                del self.fields[name]

    def price_rows(self):
        return [(line, self[f"price_{line.pk}"]) for line in self.request_lines]

    def prices(self) -> dict[int, Decimal]:
        return {
            line.pk: self.cleaned_data[f"price_{line.pk}"]
            for line in self.request_lines
        }

    def shipping_answer(self) -> ShippingAnswer:
        """How the valid form prices the parcel, for `quote_offer`."""
        data = self.cleaned_data
        if self.ships and data.get("shipping_source") != SHIPPING_FROM_PROFILE:
            return ShippingAnswer(
                from_profile=False,
                amount=data["shipping_amount"],
                carrier=data["shipping_carrier"],
                min_days=data["shipping_min_days"],
                max_days=data["shipping_max_days"],
            )
        return ShippingAnswer(from_profile=True)

    def clean(self):
        data = super().clean()
        if self.ships and data.get("shipping_source") == SHIPPING_QUOTED:
            for name in (
                "shipping_amount",
                "shipping_carrier",
                "shipping_min_days",
                "shipping_max_days",
            ):
                if data.get(name) in (None, ""):
                    self.add_error(name, _("Needed for a shipping amount you quote."))
        return data
