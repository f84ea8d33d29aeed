from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_webhooks_urls():
    return [
        path("webhooks/", admin_views.webhooks_admin, name="webhooks_admin"),
        path(
            "webhooks/deliveries/<int:pk>/redeliver/",
            admin_views.webhooks_admin_redeliver,
            name="webhooks_admin_redeliver",
        ),
    ]


class WebhooksMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_settings_menu_item")
def register_webhooks_menu_item():
    return WebhooksMenuItem(
        _("Webhooks"), reverse("webhooks_admin"), icon_name="link", order=910
    )
