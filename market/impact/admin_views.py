"""The impact dashboard in the Wagtail admin (/cms/impact/): every table of
the report for a period and a programme, each with its bar chart, and the
downloads (CSV, Excel, the quarterly PDF). Only with `impact.view_figures`
(the "Reports" group) or as a superuser."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from market.residents.models import Programme

from .charts import bar_chart_svg, cell_text
from .exports import report_csv, report_xlsx, table_csv
from .figures import impact_report
from .forms import (
    LAST_TWELVE_MONTHS,
    ReportForm,
    last_full_quarter,
    parse_quarter,
    quarter_key,
)
from .pdf import report_pdf
from .tables import SUPPRESSED, Table

PERMISSION = "impact.view_figures"
PDF_LANGUAGES = ("az", "en", "ru")
CSV_TYPE = "text/csv; charset=utf-8"
# A byte order mark first: Excel then reads the file as UTF-8 (Azerbaijani
# and Russian letters), and every other reader skips it.
BYTE_ORDER_MARK = "\ufeff"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def can_view(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm(PERMISSION))


def _check(request) -> None:
    if not can_view(request.user):
        raise PermissionDenied


def _form(request) -> ReportForm:
    data = request.GET.copy()
    if not any(data.get(name) for name in ("period", "first", "last")):
        data["period"] = LAST_TWELVE_MONTHS
    return ReportForm(data)


def _download(content, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _filename_part(form: ReportForm) -> str:
    slug = form.report_period.slug
    return f"{slug}-{form.chosen_programme}" if form.chosen_programme else slug


def _rows(table: Table) -> dict:
    """The table's cells as the page prints them."""

    def printed(cells):
        return [
            {
                "text": cell_text(cell, column.kind, table.currency),
                "kind": column.kind,
                "hidden": cell is SUPPRESSED,
            }
            for column, cell in zip(table.columns, cells, strict=True)
        ]

    return {
        "rows": [printed(row) for row in table.rows],
        "total": printed(table.total) if table.total is not None else None,
    }


def dashboard(request):
    _check(request)
    form = _form(request)
    sections = []
    pdf_quarter = quarter_key(*last_full_quarter(timezone.localdate()))
    if form.is_valid():
        period = form.report_period
        for table in impact_report(period=period, programme=form.chosen_programme):
            sections.append(
                {"table": table, "chart": bar_chart_svg(table), **_rows(table)}
            )
        if parse_quarter(form.cleaned_data.get("period") or "") == period:
            pdf_quarter = form.cleaned_data["period"]
    return TemplateResponse(
        request,
        "market/impact/admin/dashboard.html",
        {
            "form": form,
            "sections": sections,
            "query": form.data.urlencode() if form.is_valid() else "",
            "pdf_quarter": pdf_quarter,
            # Each language named in itself.
            "pdf_languages": [
                ("az", "Azərbaycanca"),
                ("en", "English"),
                ("ru", "Русский"),
            ],
        },
    )


def report_csv_view(request):
    _check(request)
    form = _form(request)
    if not form.is_valid():
        return HttpResponseBadRequest(_("The period or programme is not valid."))
    tables = impact_report(period=form.report_period, programme=form.chosen_programme)
    return _download(
        BYTE_ORDER_MARK + report_csv(tables),
        CSV_TYPE,
        f"impact-{_filename_part(form)}.csv",
    )


def table_csv_view(request, key: str):
    _check(request)
    form = _form(request)
    if not form.is_valid():
        return HttpResponseBadRequest(_("The period or programme is not valid."))
    tables = impact_report(period=form.report_period, programme=form.chosen_programme)
    table = next((table for table in tables if table.key == key), None)
    if table is None:
        raise Http404
    return _download(
        BYTE_ORDER_MARK + table_csv(table),
        CSV_TYPE,
        f"impact-{key.replace('_', '-')}-{_filename_part(form)}.csv",
    )


def report_xlsx_view(request):
    _check(request)
    form = _form(request)
    if not form.is_valid():
        return HttpResponseBadRequest(_("The period or programme is not valid."))
    tables = impact_report(period=form.report_period, programme=form.chosen_programme)
    return _download(
        report_xlsx(tables, form.report_period, programme=form.chosen_programme),
        XLSX_TYPE,
        f"impact-{_filename_part(form)}.xlsx",
    )


def report_pdf_view(request):
    """The quarterly report: ?quarter=2026-Q3&language=en[&programme=music]."""
    _check(request)
    period = parse_quarter(request.GET.get("quarter", ""))
    language = request.GET.get("language", "")
    programme = request.GET.get("programme", "")
    if (
        period is None
        or language not in PDF_LANGUAGES
        or (programme and programme not in Programme.values)
    ):
        return HttpResponseBadRequest(
            _("Give a quarter (such as 2026-Q3) and a language (az, en or ru).")
        )
    content = report_pdf(period=period, programme=programme, language=language)
    suffix = f"-{programme}" if programme else ""
    return _download(
        content,
        "application/pdf",
        f"impact-{request.GET['quarter']}{suffix}-{language}.pdf",
    )
