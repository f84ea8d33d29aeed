"""The resident's parcels: pack, ship with tracking, mark delivered, or
cancel (a refund) one of their own. Another resident's parcel is a 404."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from checkout.services import parcel_refund
from market.payments.client import PaymentProviderError
from market.residents.dashboard.views import ResidentRequiredMixin

from .models import Parcel, ParcelStatus
from .services import parcel_move


def _small(placeholder) -> forms.TextInput:
    return forms.TextInput(
        attrs={"class": "form-control form-control-sm mr-1", "placeholder": placeholder}
    )


class ShipForm(forms.Form):
    carrier = forms.CharField(
        label=gettext_lazy("Carrier"),
        max_length=120,
        widget=_small(gettext_lazy("Carrier")),
    )
    tracking_number = forms.CharField(
        label=gettext_lazy("Tracking number"),
        max_length=100,
        widget=_small(gettext_lazy("Tracking number")),
    )
    tracking_url = forms.URLField(
        label=gettext_lazy("Tracking link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(
            attrs={
                "class": "form-control form-control-sm mr-1",
                "placeholder": "https://…",
            }
        ),
    )


class CancelForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=1000)


def _own(view, pk: int) -> Parcel:
    return get_object_or_404(Parcel, pk=pk, partner_id=view.resident.partner_id)


class ParcelListView(ResidentRequiredMixin, TemplateView):
    """Every parcel the resident ships, newest first, with what to do next."""

    template_name = "market/export/dashboard/parcels.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        parcels = list(
            Parcel.objects.filter(partner_id=self.resident.partner_id)
            .select_related("order__shipping_address__country")
            .prefetch_related("lines__product__parent")
            .order_by("-created_at", "-pk")[:200]
        )
        for parcel in parcels:
            parcel.ship_form = ShipForm(
                initial={"carrier": parcel.carrier}, prefix=f"p{parcel.pk}"
            )
        context["parcels"] = parcels
        context["statuses"] = ParcelStatus
        context["cancel_form"] = CancelForm()
        return context


class _ParcelActionView(ResidentRequiredMixin, View):
    def get(self, request, pk: int):
        # Look the parcel up first: another resident's id is a 404, not a 405.
        _own(self, pk)
        return HttpResponseNotAllowed(["POST"])


class ParcelMoveView(_ParcelActionView):
    """One step of the parcel's lifecycle (POST `status`)."""

    def post(self, request, pk: int):
        parcel = _own(self, pk)
        status = request.POST.get("status", "")
        arguments = {}
        if status == ParcelStatus.SHIPPED:
            form = ShipForm(request.POST, prefix=f"p{parcel.pk}")
            if not form.is_valid():
                for errors in form.errors.values():
                    for error in errors:
                        messages.error(request, error)
                return redirect("resident_dashboard:parcels")
            arguments = form.cleaned_data
        try:
            parcel_move(parcel=parcel, user=request.user, status=status, **arguments)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("Parcel of order %(number)s: %(status)s.")
                % {
                    "number": parcel.order.number,
                    "status": ParcelStatus(status).label,
                },
            )
        return redirect("resident_dashboard:parcels")


class ParcelCancelView(_ParcelActionView):
    """Cancel a parcel that has not left: the buyer gets its lines and its
    shipping back."""

    def post(self, request, pk: int):
        parcel = _own(self, pk)
        form = CancelForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Say why the parcel is cancelled or returned."))
            return redirect("resident_dashboard:parcels")
        try:
            parcel_refund(
                parcel=parcel,
                user=request.user,
                reason=form.cleaned_data["reason"],
                status=ParcelStatus.CANCELLED,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        except PaymentProviderError as error:
            # The refund rolled back with everything else: nothing changed.
            messages.error(
                request,
                _("Stripe refused the refund; nothing was changed: %(message)s")
                % {"message": error.message},
            )
        else:
            messages.success(
                request,
                _("The parcel is cancelled and the buyer refunded."),
            )
        return redirect("resident_dashboard:parcels")
