"""Staff keep the Centre's shipping profiles (the ones without a resident,
which every resident may adopt) in the Wagtail admin: Centre shipping →
Profiles, Zones, Carriers, Weight bands. Residents' own profiles are not
listed here: they keep them in their dashboard. Who may do what is
Wagtail's model permissions; every write goes through the services of
services_profiles.py with `resident=None` (the Centre)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from . import services_profiles as services
from .countries import country_choices
from .models import ShippingProfile, ShippingRate, ShippingZone, WeightBand

# The lookup from each model to its profile's resident: Centre rows only.
CENTRE = {
    ShippingProfile: {"resident__isnull": True},
    ShippingZone: {"profile__resident__isnull": True},
    ShippingRate: {"zone__profile__resident__isnull": True},
    WeightBand: {"rate__zone__profile__resident__isnull": True},
}


def _centre(queryset):
    return queryset.filter(**CENTRE[queryset.model])


class _CentreIndexView(generic.IndexView):
    def get_base_queryset(self):
        return _centre(super().get_base_queryset())


class _CentreObjectMixin:
    def get_queryset(self):
        return _centre(super().get_queryset())


class _CentreEditView(_CentreObjectMixin, generic.EditView):
    pass


class _CentreCreateView(generic.CreateView):
    pass


class _CentreDeleteView(_CentreObjectMixin, generic.DeleteView):
    """Deletes through the service; a refusal (a profile listings ship with)
    is told, and nothing is deleted."""

    delete_service = None

    def form_valid(self, form):
        try:
            type(self).delete_service(resident=None, obj=self.object)
        except ValidationError as error:
            for message in error.messages:
                messages.error(self.request, message)
            return redirect(self.get_success_url())
        messages.success(self.request, self.get_success_message())
        return redirect(self.get_success_url())


# Profiles ------------------------------------------------------------------


class CentreProfileForm(WagtailAdminModelForm):
    class Meta:
        model = ShippingProfile
        fields = ["name"]


class ProfileCreateView(_CentreCreateView):
    def save_instance(self):
        return services.shipping_profile_create(
            resident=None, name=self.form.cleaned_data["name"]
        )


class ProfileEditView(_CentreEditView):
    def save_instance(self):
        return services.shipping_profile_update(
            resident=None, profile=self.object, name=self.form.cleaned_data["name"]
        )


class ProfileDeleteView(_CentreDeleteView):
    @staticmethod
    def delete_service(*, resident, obj):
        services.shipping_profile_delete(resident=resident, profile=obj)


class CentreProfileViewSet(ModelViewSet):
    model = ShippingProfile
    icon = "site"
    menu_label = _("Profiles")
    index_view_class = _CentreIndexView
    add_view_class = ProfileCreateView
    edit_view_class = ProfileEditView
    delete_view_class = ProfileDeleteView
    copy_view_enabled = False
    list_display = ["name", "updated_at"]
    search_fields = ["name"]
    search_backend_name = None

    def get_form_class(self, for_update=False):
        return CentreProfileForm


# Zones ---------------------------------------------------------------------


class CentreZoneForm(WagtailAdminModelForm):
    countries = forms.MultipleChoiceField(
        label=_("Countries"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one country.")},
    )

    class Meta:
        model = ShippingZone
        fields = ["profile", "name", "countries"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profile"].queryset = _centre(ShippingProfile.objects.all())
        self.fields["countries"].choices = country_choices()


class ZoneCreateView(_CentreCreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.shipping_zone_save(
            resident=None,
            profile=data["profile"],
            name=data["name"],
            countries=data["countries"],
        )


class ZoneEditView(_CentreEditView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.shipping_zone_save(
            resident=None,
            profile=data["profile"],
            zone=self.object,
            name=data["name"],
            countries=data["countries"],
        )


class ZoneDeleteView(_CentreDeleteView):
    @staticmethod
    def delete_service(*, resident, obj):
        services.shipping_zone_delete(resident=resident, zone=obj)


class CentreZoneViewSet(ModelViewSet):
    model = ShippingZone
    icon = "globe"
    menu_label = _("Zones")
    index_view_class = _CentreIndexView
    add_view_class = ZoneCreateView
    edit_view_class = ZoneEditView
    delete_view_class = ZoneDeleteView
    copy_view_enabled = False
    list_display = ["name", "profile", "country_names"]
    search_fields = ["name"]
    search_backend_name = None

    def get_form_class(self, for_update=False):
        return CentreZoneForm


# Carriers and their weight bands -------------------------------------------


class CentreRateForm(WagtailAdminModelForm):
    class Meta:
        model = ShippingRate
        fields = [
            "zone",
            "carrier",
            "min_days",
            "max_days",
            "first_item",
            "each_additional",
            "free_over",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = _centre(
            ShippingZone.objects.select_related("profile")
        )


def _rate_arguments(data: dict) -> dict:
    fields = CentreRateForm.Meta.fields
    return {field: data[field] for field in fields}


class RateCreateView(_CentreCreateView):
    def save_instance(self):
        return services.shipping_rate_save(
            resident=None, **_rate_arguments(self.form.cleaned_data)
        )


class RateEditView(_CentreEditView):
    def save_instance(self):
        bands = [(band.max_grams, band.price) for band in self.object.bands.all()]
        return services.shipping_rate_save(
            resident=None,
            rate=self.object,
            bands=bands,
            **_rate_arguments(self.form.cleaned_data),
        )


class RateDeleteView(_CentreDeleteView):
    @staticmethod
    def delete_service(*, resident, obj):
        services.shipping_rate_delete(resident=resident, rate=obj)


class CentreRateViewSet(ModelViewSet):
    model = ShippingRate
    icon = "list-ul"
    menu_label = _("Carriers")
    index_view_class = _CentreIndexView
    add_view_class = RateCreateView
    edit_view_class = RateEditView
    delete_view_class = RateDeleteView
    copy_view_enabled = False
    list_display = ["carrier", "zone", "min_days", "max_days", "first_item"]
    search_fields = ["carrier"]
    search_backend_name = None

    def get_form_class(self, for_update=False):
        return CentreRateForm


class CentreBandForm(WagtailAdminModelForm):
    class Meta:
        model = WeightBand
        fields = ["rate", "max_grams", "price"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rate"].queryset = _centre(
            ShippingRate.objects.select_related("zone__profile")
        )


def _save_band(form, band: WeightBand | None) -> WeightBand:
    """A band is saved with all the bands of its carrier, through the
    carrier's service (which checks them together)."""
    data = form.cleaned_data
    rate = data["rate"]
    others = rate.bands.exclude(pk=band.pk) if band is not None else rate.bands.all()
    bands = [(other.max_grams, other.price) for other in others]
    bands.append((data["max_grams"], data["price"]))
    services.shipping_rate_save(
        resident=None,
        zone=rate.zone,
        rate=rate,
        carrier=rate.carrier,
        min_days=rate.min_days,
        max_days=rate.max_days,
        first_item=rate.first_item,
        each_additional=rate.each_additional,
        free_over=rate.free_over,
        bands=bands,
    )
    return rate.bands.get(max_grams=data["max_grams"])


class BandCreateView(_CentreCreateView):
    def save_instance(self):
        return _save_band(self.form, None)


class BandEditView(_CentreEditView):
    def save_instance(self):
        return _save_band(self.form, self.object)


class BandDeleteView(_CentreDeleteView):
    @staticmethod
    def delete_service(*, resident, obj):
        rate = obj.rate
        bands = [(b.max_grams, b.price) for b in rate.bands.exclude(pk=obj.pk)]
        services.shipping_rate_save(
            resident=resident,
            zone=rate.zone,
            rate=rate,
            carrier=rate.carrier,
            min_days=rate.min_days,
            max_days=rate.max_days,
            first_item=rate.first_item,
            each_additional=rate.each_additional,
            free_over=rate.free_over,
            bands=bands,
        )


class CentreBandViewSet(ModelViewSet):
    model = WeightBand
    icon = "resubmit"
    menu_label = _("Weight bands")
    index_view_class = _CentreIndexView
    add_view_class = BandCreateView
    edit_view_class = BandEditView
    delete_view_class = BandDeleteView
    copy_view_enabled = False
    list_display = ["rate", "max_grams", "price"]
    search_backend_name = None

    def get_form_class(self, for_update=False):
        return CentreBandForm


class CentreShippingGroup(ViewSetGroup):
    menu_label = _("Centre shipping")
    menu_icon = "site"
    menu_order = 320
    items = (
        CentreProfileViewSet("centre_shipping_profiles"),
        CentreZoneViewSet("centre_shipping_zones"),
        CentreRateViewSet("centre_shipping_rates"),
        CentreBandViewSet("centre_shipping_bands"),
    )


@hooks.register("register_admin_viewset")
def register_centre_shipping():
    return CentreShippingGroup()
