"""The resident's money: balances, per-order breakdown, ledger, payouts, bank
details and statement. Scoped like the rest of the resident dashboard: the
signed-in user's approved resident, and only that resident's rows."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from market.accounts.reauth import RecentAuthenticationRequiredMixin
from market.residents.dashboard.views import ResidentRequiredMixin

from .. import selectors, services
from ..forms import BankDetailsForm, StatementForm
from ..models import PayoutProfile
from ..responses import statement_response


class MoneyView(ResidentRequiredMixin, TemplateView):
    """Balances, next payout date, per-order breakdown, recent entries."""

    template_name = "market/payouts/dashboard/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        resident = self.resident
        context.update(
            balances=selectors.balance(resident=resident),
            next_payout_date=selectors.next_payout_date(),
            threshold=settings.MARKET_PAYOUT_THRESHOLD,
            hold_days=settings.MARKET_PAYOUT_HOLD_DAYS,
            currency=settings.MARKET_BASE_CURRENCY,
            orders=selectors.order_breakdown(resident=resident)[:50],
            entries=selectors.ledger_for(resident=resident)[:50],
            payouts=selectors.payouts_for(resident=resident)[:20],
            profile=PayoutProfile.objects.filter(resident=resident).first(),
            statement_form=StatementForm(),
        )
        return context


class BankDetailsView(
    ResidentRequiredMixin, RecentAuthenticationRequiredMixin, TemplateView
):
    """Where the money goes: needs a recent password; a change of existing
    details holds payouts to them (PayoutProfile.save)."""

    template_name = "market/payouts/dashboard/profile.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        profile = PayoutProfile.objects.filter(resident=self.resident).first()
        context["profile"] = profile
        if "form" not in context:
            initial = {}
            if profile is not None:
                initial = {
                    field: getattr(profile, field)
                    for field in ("account_holder", "iban", "bank_name", "swift")
                }
            context["form"] = BankDetailsForm(initial=initial)
        return context

    def post(self, request, *args, **kwargs):
        form = BankDetailsForm(request.POST)
        if form.is_valid():
            try:
                services.payout_profile_update(
                    resident=self.resident, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your bank details are saved."))
                profile = PayoutProfile.objects.get(resident=self.resident)
                if profile.is_held():
                    messages.info(
                        request,
                        _(
                            "For your safety, nothing is paid to the new details "
                            "before %(date)s. We sent an e-mail about the change."
                        )
                        % {
                            "date": date_format(
                                timezone.localtime(profile.held_until),
                                "DATETIME_FORMAT",
                            )
                        },
                    )
                return redirect("payouts_dashboard:index")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class StatementView(ResidentRequiredMixin, View):
    """The resident's own ledger as CSV, optionally for a period."""

    def get(self, request):
        return statement_response(request, resident=self.resident)
