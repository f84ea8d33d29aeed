"""The staff alert list inside the Wagtail admin (/cms/alerts/)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import services
from .models import AlertStatus, StaffAlert

PERMISSION = "alerts.change_staffalert"
SHOWN = 200


class ResolveForm(forms.Form):
    resolution = forms.CharField(
        label=gettext_lazy("What was done"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _check(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def alert_list(request):
    """Open alerts first (oldest first: they waited longest), or the
    resolved ones."""
    _check(request)
    show = request.GET.get("status", AlertStatus.OPEN)
    if show not in AlertStatus.values:
        show = AlertStatus.OPEN
    alerts = StaffAlert.objects.filter(status=show).select_related("resolved_by")
    alerts = alerts.order_by(
        "created_at" if show == AlertStatus.OPEN else "-resolved_at"
    )
    return TemplateResponse(
        request,
        "market/alerts/admin/list.html",
        {
            "alerts": alerts[:SHOWN],
            "show": show,
            "statuses": AlertStatus.choices,
            "open_count": services.open_alert_count(),
            "form": ResolveForm(),
        },
    )


@require_POST
def alert_resolve(request, pk: int):
    _check(request)
    alert = get_object_or_404(StaffAlert, pk=pk)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what was done."))
        return redirect("alerts_list")
    try:
        services.alert_resolve(
            alert=alert, user=request.user, resolution=form.cleaned_data["resolution"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Alert resolved."))
    return redirect("alerts_list")
