"""The Centre's report of learners by region, in the Wagtail admin
(/cms/ → Kreativ Edu → Learners by region), with a CSV download. Counts
only; a learner's region is known only with their consent."""

import csv
import io

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from ..selectors import learners_by_region
from .menu import LEARNING_MENU_HOOK

# Regions are personal data of the learners: the report needs the right to
# view learner profiles (staff groups are given it in Settings → Groups).
PERMISSION = "learning.view_learnerprofile"


def _check(request) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def _totals(rows: list[dict]) -> dict:
    # Each learner has one region, so the regions' counts add up to the
    # number of distinct learners.
    return {
        "active": sum(row["active"] for row in rows),
        "completed": sum(row["completed"] for row in rows),
    }


def learners_by_region_view(request):
    _check(request)
    rows = learners_by_region()
    return TemplateResponse(
        request,
        "market/learning/admin/learners_by_region.html",
        {"rows": rows, "totals": _totals(rows)},
    )


def learners_by_region_csv(request):
    _check(request)
    rows = learners_by_region()
    totals = _totals(rows)
    table = [[_("Region"), _("Learners with a seat"), _("Learners who completed")]]
    table += [[row["name"], row["active"], row["completed"]] for row in rows]
    table.append([_("Total"), totals["active"], totals["completed"]])
    buffer = io.StringIO()
    csv.writer(buffer).writerows(table)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="learners-by-region-{timezone.localdate():%Y%m%d}.csv"'
    )
    return response


class LearnersByRegionMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


class LearnersByRegionViewSet(ViewSet):
    icon = "table"
    menu_label = gettext_lazy("Learners by region")
    menu_order = 300
    menu_hook = LEARNING_MENU_HOOK
    menu_item_class = LearnersByRegionMenuItem

    def get_urlpatterns(self):
        return [
            path("", learners_by_region_view, name="index"),
            path("csv/", learners_by_region_csv, name="csv"),
        ]


@hooks.register("register_admin_viewset")
def register_learners_by_region():
    return LearnersByRegionViewSet("learners_by_region")


@hooks.register("register_permissions")
def register_learner_profile_view_permission():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="learning", codename="view_learnerprofile"
    )
