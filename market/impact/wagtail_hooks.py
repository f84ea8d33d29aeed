"""The impact dashboard in the Wagtail admin: Reports → Impact (/cms/impact/).

URL names (namespace "impact"): `impact:index` (the dashboard),
`impact:csv` (the whole report), `impact:table_csv` (one table, by key),
`impact:xlsx` (the workbook), `impact:pdf` (the quarterly PDF). All take
the dashboard's query (period, first, last, programme); the PDF takes
`quarter` (2026-Q3), `language` (az, en, ru) and optionally `programme`.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from . import admin_views


class ImpactMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_view(request.user)


class ImpactViewSet(ViewSet):
    icon = "table"
    menu_label = _("Impact")
    menu_order = 100
    menu_hook = "register_reports_menu_item"
    menu_item_class = ImpactMenuItem

    def get_urlpatterns(self):
        return [
            path("", admin_views.dashboard, name="index"),
            path("csv/", admin_views.report_csv_view, name="csv"),
            path("csv/<slug:key>/", admin_views.table_csv_view, name="table_csv"),
            path("xlsx/", admin_views.report_xlsx_view, name="xlsx"),
            path("pdf/", admin_views.report_pdf_view, name="pdf"),
        ]


@hooks.register("register_admin_viewset")
def register_impact():
    return ImpactViewSet("impact")


@hooks.register("register_permissions")
def register_impact_permission():
    # Lets staff give "Can see the impact figures" in Settings → Groups.
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="impact", codename="view_figures"
    )
