"""Residents' money in the Wagtail admin: one "Residents' money" menu with
payout runs (our own views, admin_views.py), commission rates and payout
profiles (model viewsets: staff set the Stripe Connect account ids here)."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from market.accounts.reauth import RecentAuthenticationRequiredMixin

from . import admin_views
from .models import CommissionRate, PayoutProfile


class PayoutRunsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


class PayoutRunViewSet(ViewSet):
    """Payout runs, bank batch files, balances and statements: /cms/payouts/."""

    name = "payouts"
    icon = "doc-full"
    menu_label = _("Payout runs")
    menu_item_class = PayoutRunsMenuItem

    @cached_property
    def menu_url(self):
        return reverse("payouts:index")

    def get_urlpatterns(self):
        return [
            path("", admin_views.run_list, name="index"),
            path("new/", admin_views.run_create, name="create"),
            path("<int:pk>/", admin_views.run_detail, name="run"),
            path("<int:pk>/bank.csv", admin_views.run_bank_csv, name="bank_csv"),
            path(
                "payout/<int:pk>/paid/",
                admin_views.payout_mark_paid,
                name="mark_paid",
            ),
            path(
                "payout/<int:pk>/failed/",
                admin_views.payout_mark_failed,
                name="mark_failed",
            ),
            path(
                "profile/<int:pk>/release/",
                admin_views.profile_hold_release,
                name="release_hold",
            ),
            path("balances/", admin_views.balances, name="balances"),
            path(
                "balances/<int:pk>/statement.csv",
                admin_views.resident_statement,
                name="statement",
            ),
        ]


class BalancesViewSet(ViewSet):
    """Only a menu entry: the page is one of PayoutRunViewSet's."""

    name = "payout_balances"
    icon = "list-ul"
    menu_label = _("Residents' balances")
    menu_item_class = PayoutRunsMenuItem

    @cached_property
    def menu_url(self):
        return reverse("payouts:balances")


class CommissionRateViewSet(ModelViewSet):
    model = CommissionRate
    icon = "order"
    url_prefix = "payouts/commission-rates"
    form_fields = ["resident", "programme", "percent", "minimum"]
    list_display = ["scope_label", "percent", "minimum", "updated_at"]
    copy_view_enabled = False


class PayoutProfileEditView(RecentAuthenticationRequiredMixin, generic.EditView):
    """Staff changing where a resident's money goes type their password again
    too; the change is held like the resident's own (PayoutProfile.save)."""


class PayoutProfileCreateView(RecentAuthenticationRequiredMixin, generic.CreateView):
    pass


class PayoutProfileViewSet(ModelViewSet):
    model = PayoutProfile
    add_view_class = PayoutProfileCreateView
    edit_view_class = PayoutProfileEditView
    icon = "user"
    url_prefix = "payouts/profiles"
    form_fields = [
        "resident",
        "rail",
        "stripe_account_id",
        "account_holder",
        "iban",
        "bank_name",
        "swift",
    ]
    list_display = [
        "resident",
        "rail",
        "stripe_account_id",
        "iban",
        "held_until",
        "updated_at",
    ]
    copy_view_enabled = False


class ResidentsMoneyGroup(ViewSetGroup):
    menu_label = _("Residents' money")
    menu_icon = "doc-full-inverse"
    menu_order = 270
    items = (
        PayoutRunViewSet("payouts"),
        BalancesViewSet("payout_balances"),
        CommissionRateViewSet("commission_rates"),
        PayoutProfileViewSet("payout_profiles"),
    )


@hooks.register("register_admin_viewset")
def register_residents_money():
    return ResidentsMoneyGroup()
