from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .services import open_alert_count


@hooks.register("register_admin_urls")
def register_alert_urls():
    return [
        path("alerts/", admin_views.alert_list, name="alerts_list"),
        path(
            "alerts/<int:pk>/resolve/",
            admin_views.alert_resolve,
            name="alerts_resolve",
        ),
    ]


class AlertsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)

    def render_component(self, request):
        # The count of open alerts beside the label: staff see at a glance.
        component = super().render_component(request)
        count = open_alert_count()
        if count:
            component.label = f"{self.label} ({count})"
        return component


@hooks.register("register_admin_menu_item")
def register_alerts_menu_item():
    return AlertsMenuItem(
        _("Alerts"), reverse("alerts_list"), icon_name="warning", order=240
    )
