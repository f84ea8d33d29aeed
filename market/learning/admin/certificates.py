"""Centre staff list the certificates issued (/cms/ → Kreativ Edu →
Certificates), search them by code, name or course, filter valid or revoked,
and revoke one with a reason. Certificates are issued by attendance, never
typed: the listing has no add, edit or delete."""

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import ListingButton

from ..models import Certificate
from ..services.certificates import certificate_revoke
from ..services.seats import SeatsUnavailable
from .menu import LEARNING_MENU_HOOK

# Revoking changes a certificate: Wagtail groups grant it as "change".
REVOKE_PERMISSION = "learning.change_certificate"
URL_NAMESPACE = "learning_certificates"


def status_label(certificate: Certificate) -> str:
    if certificate.valid:
        return gettext("Valid")
    return gettext("Revoked")


class CertificateFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("valid", _("Valid")), ("revoked", _("Revoked"))],
        method="filter_status",
        empty_label=_("All"),
    )

    class Meta:
        model = Certificate
        fields = []

    def filter_status(self, queryset, name, value):
        if value == "valid":
            return queryset.filter(revoked_at__isnull=True)
        if value == "revoked":
            return queryset.filter(revoked_at__isnull=False)
        return queryset


class CertificateIndexView(IndexView):
    """The listing, with a Revoke button on each valid certificate for staff
    who may revoke."""

    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        if instance.valid and self.request.user.has_perm(REVOKE_PERMISSION):
            buttons.insert(
                0,
                ListingButton(
                    _("Revoke"),
                    url=reverse(f"{URL_NAMESPACE}:revoke", args=[instance.pk]),
                    classname="certificate-revoke",
                    icon_name="cross",
                ),
            )
        return buttons


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = _("Certificates")
    menu_order = 200
    menu_hook = LEARNING_MENU_HOOK
    index_view_class = CertificateIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "code",
        "learner_name",
        "course_title",
        "completed_on",
        Column("status", label=_("Status"), accessor=status_label),
    ]
    filterset_class = CertificateFilterSet
    search_fields = ["code", "learner_name", "course_title"]
    search_backend_name = None
    inspect_view_fields = [
        "code",
        "learner_name",
        "course_title",
        "language",
        "completed_on",
        "issued_at",
        "revoked_at",
        "revoked_reason",
        "revoked_by",
    ]

    def get_common_view_kwargs(self, **kwargs):
        # No add, edit, delete, history or usage views: every link to them off.
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add", "edit", "delete", "history", "usage"):
            view_kwargs[f"{name}_url_name"] = None
        return view_kwargs

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("revoke/<int:pk>/", certificate_revoke_view, name="revoke"),
        ]

    def get_permissions_to_register(self):
        # Groups may be given the listing (view) and revoking (change) only.
        return Permission.objects.filter(
            content_type__app_label="learning",
            codename__in=["view_certificate", "change_certificate"],
        )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=Certificate._meta.get_field("revoked_reason").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept for the Centre's records; the public page does not show it."),
    )


def certificate_revoke_view(request, pk: int):
    """Ask for a reason, then revoke the certificate."""
    if not request.user.has_perm(REVOKE_PERMISSION):
        raise PermissionDenied
    certificate = get_object_or_404(Certificate, pk=pk)
    index_url = reverse(f"{URL_NAMESPACE}:index")
    form = RevokeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            certificate_revoke(
                certificate=certificate,
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except SeatsUnavailable as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                gettext("Certificate %(code)s revoked.") % {"code": certificate.code},
            )
            return redirect(index_url)
    return TemplateResponse(
        request,
        "market/learning/admin/certificate_revoke.html",
        {"certificate": certificate, "form": form, "index_url": index_url},
    )


@hooks.register("register_admin_viewset")
def register_certificates():
    return CertificateViewSet(URL_NAMESPACE)
