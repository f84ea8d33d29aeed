from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_jobs_urls():
    return [
        path("jobs/", admin_views.jobs_list, name="ops_jobs"),
        path("jobs/<slug:name>/", admin_views.job_detail, name="ops_job"),
    ]


class JobsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_view(request.user)


@hooks.register("register_settings_menu_item")
def register_jobs_menu_item():
    return JobsMenuItem(
        _("Scheduled jobs"), reverse("ops_jobs"), icon_name="time", order=910
    )
