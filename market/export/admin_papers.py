"""Staff admin: the customs papers (commercial invoice, CN 23) of any parcel,
downloaded from the Wagtail admin. Staff only: Wagtail lets in anyone with
admin access, so the view asks again."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path
from wagtail import hooks

from .models import Parcel
from .papers import paper_response


def parcel_paper(request, pk: int, paper: str):
    if not request.user.is_staff:
        raise PermissionDenied
    parcel = get_object_or_404(Parcel.objects.select_related("order"), pk=pk)
    return paper_response(parcel, paper)


@hooks.register("register_admin_urls")
def register_parcel_paper_urls():
    return [
        path(
            "export/parcels/<int:pk>/invoice.pdf",
            parcel_paper,
            {"paper": "invoice"},
            name="export_parcel_invoice",
        ),
        path(
            "export/parcels/<int:pk>/cn23.pdf",
            parcel_paper,
            {"paper": "cn23"},
            name="export_parcel_cn23",
        ),
    ]
