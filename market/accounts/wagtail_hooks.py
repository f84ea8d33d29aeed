from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_lockout_urls():
    return [
        path("lockouts/", admin_views.lockout_list, name="account_lockouts"),
        path("lockouts/unlock/", admin_views.lockout_unlock, name="account_unlock"),
        path(
            "lockouts/two-factor-reset/",
            admin_views.two_factor_reset,
            name="account_two_factor_reset",
        ),
    ]


class LockoutMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_settings_menu_item")
def register_lockout_menu_item():
    return LockoutMenuItem(
        _("Sign-in lock-outs"), reverse("account_lockouts"), icon_name="lock", order=910
    )
