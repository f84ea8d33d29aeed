"""Wholesale quotes in the Wagtail admin: "Wholesale quotes" in the menu
for staff with trade.view_quoterequest (given in Settings → Groups)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_quote_urls():
    return [
        path("quotes/", admin_views.quotes_index, name="trade_quotes"),
        path(
            "quotes/<uuid:reference>/",
            admin_views.quote_request_detail,
            name="trade_quote_request",
        ),
    ]


class QuotesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def register_quotes_menu_item():
    return QuotesMenuItem(
        _("Wholesale quotes"), reverse("trade_quotes"), icon_name="doc-full", order=265
    )
