"""Centre staff's payout pages inside the Wagtail admin (/cms/payouts/).

Plain function views: they check the permission, parse the request and call
a service or a selector.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Sum
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from market.residents.models import Resident

from . import selectors, services
from .forms import MarkFailedForm, MarkPaidForm
from .models import Payout, PayoutProfile, PayoutRun, PayoutStatus, Rail
from .responses import csv_response, statement_response

PERMISSION = "payouts.add_payoutrun"


def _check(request) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def run_list(request):
    """Every payout run, newest first, with its totals."""
    _check(request)
    runs = PayoutRun.objects.select_related("created_by").annotate(
        payout_count=Count("payouts"), payout_total=Sum("payouts__amount")
    )[:100]
    return TemplateResponse(
        request,
        "market/payouts/admin/runs.html",
        {"runs": runs, "currency": settings.MARKET_BASE_CURRENCY},
    )


def run_create(request):
    """GET: who a run would pay now (a confirmation). POST: run it."""
    _check(request)
    if request.method == "POST":
        run = services.payout_run_create(created_by=request.user)
        totals = selectors.run_totals(run)
        messages.success(
            request,
            _("Payout run #%(run)s: %(count)s payouts, %(total)s %(currency)s.")
            % {
                "run": run.pk,
                "count": totals["count"],
                "total": totals["total"],
                "currency": settings.MARKET_BASE_CURRENCY,
            },
        )
        return redirect("payouts:run", pk=run.pk)
    plans = selectors.payout_plans()
    return TemplateResponse(
        request,
        "market/payouts/admin/run_create.html",
        {
            "plans": plans,
            "held": selectors.held_profiles(),
            "hold_days": settings.MARKET_PAYOUT_DESTINATION_HOLD_DAYS,
            "total": sum((plan.amount for plan in plans), 0),
            "threshold": settings.MARKET_PAYOUT_THRESHOLD,
            "currency": settings.MARKET_BASE_CURRENCY,
            "now": timezone.now(),
        },
    )


def run_detail(request, pk: int):
    """A run's payouts; pending bank transfers can be marked paid or failed."""
    _check(request)
    run = get_object_or_404(PayoutRun.objects.select_related("created_by"), pk=pk)
    payouts = run.payouts.select_related("resident", "paid_by").prefetch_related(
        "transfers__order"
    )
    return TemplateResponse(
        request,
        "market/payouts/admin/run_detail.html",
        {
            "run": run,
            "payouts": payouts,
            "totals": selectors.run_totals(run),
            "has_bank": payouts.filter(rail=Rail.BANK_TRANSFER).exists(),
            "paid_form": MarkPaidForm(),
            "failed_form": MarkFailedForm(),
            "currency": settings.MARKET_BASE_CURRENCY,
        },
    )


def run_bank_csv(request, pk: int):
    """The bank batch file of a run."""
    _check(request)
    run = get_object_or_404(PayoutRun, pk=pk)
    return csv_response(
        services.bank_transfer_batch_csv(run=run), f"payout-run-{run.pk}-bank.csv"
    )


@require_POST
def payout_mark_paid(request, pk: int):
    _check(request)
    payout = get_object_or_404(Payout, pk=pk)
    form = MarkPaidForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the bank's reference."))
    else:
        try:
            services.payout_mark_paid(
                payout=payout,
                reference=form.cleaned_data["reference"],
                user=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("%(name)s: marked paid.") % {"name": payout.resident}
            )
    return redirect("payouts:run", pk=payout.run_id)


@require_POST
def payout_mark_failed(request, pk: int):
    _check(request)
    payout = get_object_or_404(Payout, pk=pk)
    form = MarkFailedForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the transfer failed."))
    else:
        try:
            services.payout_mark_failed(
                payout=payout, reason=form.cleaned_data["reason"], user=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(name)s: marked failed; the money is back in their balance.")
                % {"name": payout.resident},
            )
    return redirect("payouts:run", pk=payout.run_id)


def balances(request):
    """Every resident with money in the ledger: balances, debts, statements."""
    _check(request)
    now = timezone.now()
    rows = [
        (resident, selectors.balance(resident=resident, now=now))
        for resident in selectors.residents_with_money()
    ]
    return TemplateResponse(
        request,
        "market/payouts/admin/balances.html",
        {
            "rows": rows,
            "currency": settings.MARKET_BASE_CURRENCY,
            "pending_payouts": Payout.objects.filter(
                status=PayoutStatus.PENDING
            ).count(),
        },
    )


def resident_statement(request, pk: int):
    """One resident's statement as CSV (optional ?start=&end= dates)."""
    _check(request)
    resident = get_object_or_404(Resident, pk=pk)
    return statement_response(request, resident=resident)


@require_POST
def profile_hold_release(request, pk: int):
    """Release a held new payout destination (after checking it with the
    resident): the next run pays it."""
    _check(request)
    profile = get_object_or_404(PayoutProfile, pk=pk)
    if services.payout_hold_release(profile=profile, released_by=request.user):
        messages.success(
            request,
            _("Payouts to the new details of %(resident)s are released.")
            % {"resident": profile.resident.display_name},
        )
    else:
        messages.error(request, _("These payout details were not held."))
    return redirect("payouts:create")
