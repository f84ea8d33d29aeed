from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_outbox_urls():
    return [
        path("outbox/", admin_views.outbox_list, name="mail_outbox"),
        path("outbox/<int:pk>/retry/", admin_views.outbox_retry, name="mail_retry"),
    ]


class OutboxMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_settings_menu_item")
def register_outbox_menu_item():
    return OutboxMenuItem(
        _("E-mail outbox"), reverse("mail_outbox"), icon_name="mail", order=900
    )
