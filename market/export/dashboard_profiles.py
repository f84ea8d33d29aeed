"""A resident's shipping profiles in their dashboard: their own (create,
rename, delete; zones; carriers with weight bands) and the Centre's, read
only, which they may adopt for their listings. Every object is looked up
inside the resident's own rows (market/export/selectors.py): another
resident's id is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from market.residents.dashboard.views import ResidentRequiredMixin

from . import services_profiles as services
from .forms import (
    ShippingProfileForm,
    ShippingRateForm,
    ShippingZoneForm,
    WeightBandFormSet,
    add_service_error,
)
from .selectors import (
    owned_shipping_profiles,
    owned_shipping_rates,
    owned_shipping_zones,
    usable_shipping_profiles,
)


def _profile_url(profile_pk: int) -> str:
    return reverse("resident_dashboard:shipping-profile", kwargs={"pk": profile_pk})


class ShippingProfileListView(ResidentRequiredMixin, TemplateView):
    """The resident's own profiles, then the Centre's."""

    template_name = "market/export/dashboard/profiles.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        profiles = list(
            usable_shipping_profiles(self.resident).prefetch_related("zones")
        )
        context["own_profiles"] = [p for p in profiles if not p.is_centre_profile]
        context["centre_profiles"] = [p for p in profiles if p.is_centre_profile]
        return context


class ShippingProfileDetailView(ResidentRequiredMixin, TemplateView):
    """One profile with its zones, carriers and bands; the Centre's read only."""

    template_name = "market/export/dashboard/profile.html"

    def _profile(self):
        return get_object_or_404(
            usable_shipping_profiles(self.resident).prefetch_related(
                "zones__rates__bands"
            ),
            pk=self.kwargs["pk"],
        )

    def post(self, request, *args, **kwargs):
        # Look the profile up first: another resident's id is a 404, not a 405.
        self._profile()
        return HttpResponseNotAllowed(["GET"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["profile"] = profile = self._profile()
        context["editable"] = not profile.is_centre_profile
        context["listings"] = profile.listings.count()
        return context


class _FormView(ResidentRequiredMixin, TemplateView):
    """One object's form: `load` finds the object inside the resident's own
    rows (404 otherwise) before anything else; `save` calls a service and
    returns where to go next."""

    template_name = "market/export/dashboard/form.html"
    form_class: type = ShippingProfileForm

    def load(self) -> None:
        """Set the objects of the URL (404 when they are not the resident's)."""

    def title(self) -> str:
        raise NotImplementedError

    def back_url(self) -> str:
        raise NotImplementedError

    def initial(self) -> dict:
        return {}

    def make_forms(self, data=None) -> dict:
        return {"form": self.form_class(data, initial=self.initial())}

    def save(self, forms: dict) -> str:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        self.load()
        return self.render_to_response(self.get_context_data(**self.make_forms()))

    def post(self, request, *args, **kwargs):
        self.load()
        forms = self.make_forms(request.POST)
        if all(form.is_valid() for form in forms.values()):
            try:
                next_url = self.save(forms)
            except ValidationError as error:
                add_service_error(forms["form"], error)
            else:
                messages.success(request, _("Saved."))
                return redirect(next_url)
        return self.render_to_response(self.get_context_data(**forms), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.title()
        context["back_url"] = self.back_url()
        return context


class ShippingProfileCreateView(_FormView):
    def title(self):
        return _("New shipping profile")

    def back_url(self):
        return reverse("resident_dashboard:shipping-profiles")

    def save(self, forms):
        profile = services.shipping_profile_create(
            resident=self.resident, name=forms["form"].cleaned_data["name"]
        )
        return _profile_url(profile.pk)


class ShippingProfileUpdateView(_FormView):
    def load(self):
        self.profile = get_object_or_404(
            owned_shipping_profiles(self.resident), pk=self.kwargs["pk"]
        )

    def title(self):
        return _("Rename “%(name)s”") % {"name": self.profile.name}

    def back_url(self):
        return _profile_url(self.profile.pk)

    def initial(self):
        return {"name": self.profile.name}

    def save(self, forms):
        services.shipping_profile_update(
            resident=self.resident,
            profile=self.profile,
            name=forms["form"].cleaned_data["name"],
        )
        return _profile_url(self.profile.pk)


class ShippingZoneFormView(_FormView):
    """A new zone of a profile (`profile_pk`) or one zone (`pk`)."""

    form_class = ShippingZoneForm

    def load(self):
        self.zone = None
        if "pk" in self.kwargs:
            self.zone = get_object_or_404(
                owned_shipping_zones(self.resident), pk=self.kwargs["pk"]
            )
            self.profile = self.zone.profile
        else:
            self.profile = get_object_or_404(
                owned_shipping_profiles(self.resident), pk=self.kwargs["profile_pk"]
            )

    def title(self):
        if self.zone is None:
            return _("New zone of “%(name)s”") % {"name": self.profile.name}
        return _("Zone “%(name)s”") % {"name": self.zone.name}

    def back_url(self):
        return _profile_url(self.profile.pk)

    def initial(self):
        if self.zone is None:
            return {}
        return {"name": self.zone.name, "countries": self.zone.countries}

    def save(self, forms):
        data = forms["form"].cleaned_data
        services.shipping_zone_save(
            resident=self.resident,
            profile=self.profile,
            zone=self.zone,
            name=data["name"],
            countries=data["countries"],
        )
        return _profile_url(self.profile.pk)


class ShippingRateFormView(_FormView):
    """A new carrier of a zone (`zone_pk`) or one carrier (`pk`), with its
    weight bands."""

    form_class = ShippingRateForm

    def load(self):
        self.rate = None
        if "pk" in self.kwargs:
            self.rate = get_object_or_404(
                owned_shipping_rates(self.resident), pk=self.kwargs["pk"]
            )
            self.zone = self.rate.zone
        else:
            self.zone = get_object_or_404(
                owned_shipping_zones(self.resident), pk=self.kwargs["zone_pk"]
            )

    def title(self):
        if self.rate is None:
            return _("New carrier to “%(zone)s”") % {"zone": self.zone.name}
        return _("%(carrier)s to “%(zone)s”") % {
            "carrier": self.rate.carrier,
            "zone": self.zone.name,
        }

    def back_url(self):
        return _profile_url(self.zone.profile_id)

    def initial(self):
        if self.rate is None:
            return {}
        fields = ["carrier", "min_days", "max_days", "first_item", "each_additional"]
        initial = {field: getattr(self.rate, field) for field in fields}
        initial["free_over"] = self.rate.free_over
        return initial

    def make_forms(self, data=None):
        bands = []
        if self.rate is not None:
            bands = [
                {"max_grams": band.max_grams, "price": band.price}
                for band in self.rate.bands.all()
            ]
        return {
            "form": self.form_class(data, initial=self.initial()),
            "bands": WeightBandFormSet(data, initial=bands, prefix="bands"),
        }

    def save(self, forms):
        data = forms["form"].cleaned_data
        services.shipping_rate_save(
            resident=self.resident,
            zone=self.zone,
            rate=self.rate,
            carrier=data["carrier"],
            min_days=data["min_days"],
            max_days=data["max_days"],
            first_item=data["first_item"],
            each_additional=data["each_additional"],
            free_over=data["free_over"],
            bands=forms["bands"].bands(),
        )
        return _profile_url(self.zone.profile_id)


class _DeleteView(ResidentRequiredMixin, TemplateView):
    """Ask, then delete one of the resident's objects through a service."""

    template_name = "market/export/dashboard/confirm_delete.html"

    def load(self):
        raise NotImplementedError

    def delete(self) -> None:
        raise NotImplementedError

    def after_url(self) -> str:
        return _profile_url(self.profile_pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["back_url"] = _profile_url(self.profile_pk)
        return context

    def get(self, request, *args, **kwargs):
        self.load()
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        self.load()
        try:
            self.delete()
        except ValidationError as error:
            context = self.get_context_data(errors=error.messages)
            return self.render_to_response(context, status=400)
        messages.success(request, _("Deleted."))
        return redirect(self.after_url())


class ShippingProfileDeleteView(_DeleteView):
    def load(self):
        self.object = get_object_or_404(
            owned_shipping_profiles(self.resident), pk=self.kwargs["pk"]
        )
        self.profile_pk = self.object.pk

    def delete(self):
        services.shipping_profile_delete(resident=self.resident, profile=self.object)

    def after_url(self):
        return reverse("resident_dashboard:shipping-profiles")


class ShippingZoneDeleteView(_DeleteView):
    def load(self):
        self.object = get_object_or_404(
            owned_shipping_zones(self.resident), pk=self.kwargs["pk"]
        )
        self.profile_pk = self.object.profile_id

    def delete(self):
        services.shipping_zone_delete(resident=self.resident, zone=self.object)


class ShippingRateDeleteView(_DeleteView):
    def load(self):
        self.object = get_object_or_404(
            owned_shipping_rates(self.resident), pk=self.kwargs["pk"]
        )
        self.profile_pk = self.object.zone.profile_id

    def delete(self):
        services.shipping_rate_delete(resident=self.resident, rate=self.object)
