"""Webhooks inside the Wagtail admin (/cms/webhooks/): every endpoint, the
form to add a partner's endpoint, and the latest deliveries of all."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .forms import PartnerEndpointForm
from .models import WebhookDelivery, WebhookEndpoint

PERMISSION = "webhooks.add_webhookendpoint"
SHOWN = 200


def _check(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def webhooks_admin(request):
    _check(request)
    form = PartnerEndpointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.webhook_endpoint_create(**form.cleaned_data)
        except ValidationError as error:
            form.add_error("url", error)
        else:
            messages.success(request, _("Endpoint added."))
            return redirect("webhooks_admin")
    return TemplateResponse(
        request,
        "market/webhooks/admin/list.html",
        {
            "form": form,
            "endpoints": WebhookEndpoint.objects.select_related("resident").order_by(
                "pk"
            ),
            "deliveries": WebhookDelivery.objects.select_related(
                "endpoint__resident"
            ).order_by("-pk")[:SHOWN],
        },
        status=400 if form.errors else 200,
    )


@require_POST
def webhooks_admin_redeliver(request, pk: int):
    _check(request)
    delivery = get_object_or_404(WebhookDelivery, pk=pk)
    try:
        services.webhook_delivery_redeliver(delivery=delivery)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The delivery will be sent again in a moment."))
    return redirect("webhooks_admin")
