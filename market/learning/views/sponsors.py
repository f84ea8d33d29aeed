"""A sponsor's private report on their sponsored seats, by its secret link:
counts only, never a learner's name or contact; as a page or as CSV."""

import csv
import io

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views import View

from ..models import SponsoredQuota
from ..services.sponsors import sponsor_report


def _cell(value) -> str:
    """Text a spreadsheet would not run as a formula (CSV injection): the
    sponsor's name and the course title are typed by people."""
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def sponsor_report_csv(report: dict) -> str:
    quota = report["quota"]
    rows = [
        [_("Course"), _cell(quota.course)],
        [_("Sponsor"), _cell(quota.sponsor)],
        [_("Seats"), report["seats"]],
        [_("Used"), report["used"]],
        [_("Left"), report["left"]],
        [_("Cancelled"), report["cancelled"]],
        [_("Completed"), report["completed"]],
        [_("Certified"), report["certified"]],
        [],
        [_("Region"), _("Learners")],
    ]
    rows += [[region["name"], region["count"]] for region in report["by_region"]]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


class SponsorReportView(View):
    """Public by its secret token (404 for any other); ?format=csv downloads
    the same counts."""

    template_name = "market/learning/sponsor_report.html"

    def get(self, request, token: str):
        quota = get_object_or_404(
            SponsoredQuota.objects.select_related("course__product"),
            report_token=token,
        )
        report = sponsor_report(quota)
        if request.GET.get("format") == "csv":
            response = HttpResponse(
                sponsor_report_csv(report), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = (
                f'attachment; filename="sponsored-seats-{quota.code}.csv"'
            )
            response["X-Robots-Tag"] = "noindex"
            return response
        response = TemplateResponse(request, self.template_name, report)
        response["X-Robots-Tag"] = "noindex"
        return response
