"""A resident's webhooks in their shop dashboard: their endpoints (add,
show and rotate the secret, test, switch off and on, delete) and each
endpoint's delivery log with a redeliver button. Every object is looked up
inside the resident's own rows (selectors): another resident's id is a 404
and nothing changes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from market.residents.dashboard.views import ResidentRequiredMixin

from . import services
from .forms import EndpointForm
from .selectors import owned_webhook_deliveries, owned_webhook_endpoints

DELIVERIES_SHOWN = 50
ACTIONS = {"rotate", "ping", "off", "on", "delete"}


class EndpointListView(ResidentRequiredMixin, TemplateView):
    """The resident's endpoints and the form to add one."""

    template_name = "market/webhooks/dashboard/endpoints.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["endpoints"] = list(owned_webhook_endpoints(self.resident))
        context.setdefault("form", EndpointForm())
        return context

    def post(self, request, *args, **kwargs):
        form = EndpointForm(request.POST)
        if form.is_valid():
            try:
                endpoint = services.webhook_endpoint_create(
                    resident=self.resident,
                    url=form.cleaned_data["url"],
                    events=form.cleaned_data["events"],
                )
            except ValidationError as error:
                form.add_error("url", error)
            else:
                messages.success(request, _("Endpoint added."))
                return redirect("resident_dashboard:webhook", pk=endpoint.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class EndpointDetailView(ResidentRequiredMixin, TemplateView):
    """One endpoint: its secret, actions and delivery log."""

    template_name = "market/webhooks/dashboard/endpoint.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        endpoint = get_object_or_404(
            owned_webhook_endpoints(self.resident), pk=self.kwargs["pk"]
        )
        context["endpoint"] = endpoint
        context["deliveries"] = list(
            owned_webhook_deliveries(self.resident).filter(endpoint=endpoint)[
                :DELIVERIES_SHOWN
            ]
        )
        return context


class EndpointActionView(ResidentRequiredMixin, View):
    """POST only: rotate, ping, off, on, delete."""

    def post(self, request, pk: int, action: str):
        endpoint = get_object_or_404(owned_webhook_endpoints(self.resident), pk=pk)
        if action not in ACTIONS:
            raise Http404
        back = reverse("resident_dashboard:webhook", kwargs={"pk": endpoint.pk})
        if action == "rotate":
            services.webhook_endpoint_secret_rotate(endpoint=endpoint)
            messages.success(
                request, _("A new secret was made; the old one no longer works.")
            )
        elif action == "ping":
            services.webhook_ping(endpoint=endpoint)
            messages.success(request, _("A test event is on its way."))
        elif action in ("off", "on"):
            services.webhook_endpoint_active_set(
                endpoint=endpoint, active=action == "on"
            )
            messages.success(request, _("Saved."))
        elif action == "delete":
            services.webhook_endpoint_delete(endpoint=endpoint)
            messages.success(request, _("Endpoint deleted."))
            return redirect("resident_dashboard:webhooks")
        return redirect(back)


class DeliveryRedeliverView(ResidentRequiredMixin, View):
    """POST only: send one of the resident's deliveries again."""

    def post(self, request, pk: int):
        delivery = get_object_or_404(owned_webhook_deliveries(self.resident), pk=pk)
        try:
            services.webhook_delivery_redeliver(delivery=delivery)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The delivery will be sent again in a moment."))
        return redirect("resident_dashboard:webhook", pk=delivery.endpoint_id)
