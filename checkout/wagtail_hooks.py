from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_payment_urls():
    return [
        path("payments/", admin_views.payment_list, name="payments_list"),
        path(
            "payments/orders/<str:number>/",
            admin_views.order_detail,
            name="payments_order",
        ),
        path(
            "payments/orders/<str:number>/cancel-deposit-order/",
            admin_views.deposit_cancel,
            name="payments_deposit_cancel",
        ),
        path(
            "payments/lines/<int:pk>/refund/",
            admin_views.line_refund,
            name="payments_line_refund",
        ),
        path(
            "payments/parcels/<int:pk>/end/",
            admin_views.parcel_end,
            name="payments_parcel_end",
        ),
    ]


class PaymentsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def register_payments_menu_item():
    return PaymentsMenuItem(
        _("Payments and refunds"),
        reverse("payments_list"),
        icon_name="doc-full",
        order=270,
    )
