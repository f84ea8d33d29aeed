"""The studio use figures for staff, with their CSV."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse, HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .. import figures
from ..admin_forms import (
    FiguresForm,
    default_span,
)
from . import (
    BYTE_ORDER_MARK,
    CSV_TYPE,
    VIEW_PERMISSION,
    check,
)


def _figures_form(request) -> FiguresForm:
    if not request.GET.get("first") and not request.GET.get("last"):
        span = default_span()
        return FiguresForm({"first": span.first, "last": span.last})
    return FiguresForm(request.GET)


def figures_view(request):
    check(request, VIEW_PERMISSION)
    form = _figures_form(request)
    tables = []
    if form.is_valid():
        tables = figures.studio_use(form.span, language=get_language())
    return TemplateResponse(
        request,
        "market/bookings/admin/figures.html",
        {
            "form": form,
            "tables": tables,
            "definition": figures.DEFINITION,
            "query": (
                f"first={form.cleaned_data['first']:%Y-%m-%d}"
                f"&last={form.cleaned_data['last']:%Y-%m-%d}"
                if form.is_valid()
                else ""
            ),
        },
    )


def figures_csv(tables) -> str:
    """Each table under its title, a blank line between; hours and money as
    plain numbers (a dot for decimals)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for index, table in enumerate(tables):
        if index:
            writer.writerow([])
        writer.writerow([table.title])
        writer.writerow(
            [
                table.first_column,
                _("Bookings"),
                _("Hours booked"),
                _("Hours used"),
                _("Revenue (AZN)"),
            ]
        )
        for row in [*table.rows, table.total]:
            writer.writerow(
                [
                    row.label,
                    row.bookings,
                    f"{row.booked_hours}",
                    f"{row.used_hours}",
                    f"{row.revenue}",
                ]
            )
    return buffer.getvalue()


def figures_csv_view(request):
    check(request, VIEW_PERMISSION)
    form = _figures_form(request)
    if not form.is_valid():
        return HttpResponseBadRequest(_("The period is not valid."))
    span = form.span
    content = figures_csv(figures.studio_use(span, language=get_language()))
    response = HttpResponse(BYTE_ORDER_MARK + content, content_type=CSV_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="studio-use-{span.slug}.csv"'
    )
    return response
