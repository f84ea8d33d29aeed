"""Staff keep the table of import charges per destination in the Wagtail
admin (Settings → Import charges): one row per country, chosen by name.
Standard model permissions (add/change/delete importcharges)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from market.currencies.templatetags.currency_tags import format_money

from .countries import country_choices, country_name
from .models import ImportCharges
from .templatetags.duties_tags import format_percent


def _country_options() -> list[tuple[str, str]]:
    # A callable, so the names follow the staff member's language.
    return [("", "---------"), *country_choices()]


def _currency_options() -> list[tuple[str, str]]:
    return [(code, code) for code in settings.MARKET_CURRENCIES]


def _label(name: str):
    return ImportCharges._meta.get_field(name).verbose_name


class ImportChargesForm(WagtailAdminModelForm):
    country = forms.ChoiceField(label=_label("country"), choices=_country_options)
    currency = forms.ChoiceField(
        label=_label("currency"), choices=_currency_options, initial="EUR"
    )

    class Meta:
        model = ImportCharges
        fields = [
            "country",
            "tax_name",
            "tax_percent",
            "free_under",
            "clearance_fee",
            "currency",
            "checked_on",
            "note",
        ]

    def clean_country(self) -> str:
        country = self.cleaned_data["country"]
        others = ImportCharges.objects.filter(country=country)
        if self.instance.pk is not None:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise ValidationError(
                _("%(country)s already has its import charges.")
                % {"country": country_name(country)}
            )
        return country

    def clean_tax_percent(self) -> Decimal:
        percent = self.cleaned_data["tax_percent"]
        if percent is not None and not Decimal(0) <= percent <= Decimal(100):
            raise ValidationError(_("A percentage is between 0 and 100."))
        return percent

    def _not_negative(self, name: str) -> Decimal:
        amount = self.cleaned_data[name]
        if amount is not None and amount < 0:
            raise ValidationError(_("An amount cannot be negative."))
        return amount

    def clean_free_under(self) -> Decimal:
        return self._not_negative("free_under")

    def clean_clearance_fee(self) -> Decimal:
        return self._not_negative("clearance_fee")


def _amount(row: ImportCharges, name: str) -> str:
    amount = getattr(row, name)
    if row.currency not in settings.MARKET_CURRENCIES:
        return f"{amount} {row.currency}"
    return format_money(amount, row.currency)


class ImportChargesViewSet(ModelViewSet):
    model = ImportCharges
    icon = "globe"
    menu_label = _("Import charges")
    add_to_settings_menu = True
    url_prefix = "import-charges"
    copy_view_enabled = False
    list_display = [
        Column(
            "country",
            label=_("Country"),
            accessor=lambda row: country_name(row.country),
            sort_key="country",
        ),
        Column("tax_name", label=_("Tax")),
        Column(
            "tax_percent",
            label=_("Percent"),
            accessor=lambda row: f"{format_percent(row.tax_percent)} %",
        ),
        Column(
            "free_under",
            label=_("Nothing charged under"),
            accessor=lambda row: _amount(row, "free_under"),
        ),
        Column(
            "clearance_fee",
            label=_("Clearance fee"),
            accessor=lambda row: _amount(row, "clearance_fee"),
        ),
        Column("checked_on", label=_("Checked on"), sort_key="checked_on"),
    ]

    def get_form_class(self, for_update=False):
        return ImportChargesForm


@hooks.register("register_admin_viewset")
def register_import_charges():
    return ImportChargesViewSet("import_charges")
