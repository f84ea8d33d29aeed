"""Reads of residents' money: balances, ledgers, per-order breakdowns, what a
payout run would pay."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from market.residents.models import Programme, Resident

from .models import (
    CommissionRate,
    EntryKind,
    LedgerEntry,
    Payout,
    PayoutProfile,
    PayoutStatus,
    PayoutTransfer,
    Rail,
    TransferStatus,
)
from .rules import ZERO, cents


def _sum(queryset: QuerySet, field: str = "amount") -> Decimal:
    return cents(queryset.aggregate(total=Sum(field))["total"])


def cleared_filter(now: datetime.datetime) -> Q:
    """Entries that count towards a payout at `now`: those past their
    `available_at` (sales and their commission after the hold; refunds,
    reversals and failed payouts at once), and every payout whatever `now`
    says, so a run asked about an earlier time can never pay twice."""
    return Q(available_at__lte=now) | Q(kind=EntryKind.PAYOUT)


@dataclass(frozen=True)
class Balances:
    """A resident's account in AZN.

    total: everything ever credited minus everything debited.
    cleared: what a payout run would pay now (negative: a debt).
    pending: still in the hold period (total - cleared).
    debt: what the resident owes the Centre now (refunds of money already
    paid out); netted off their next sales before anything is paid.
    """

    total: Decimal
    cleared: Decimal
    pending: Decimal
    debt: Decimal


def balance(*, resident: Resident, now: datetime.datetime | None = None) -> Balances:
    now = now or timezone.now()
    entries = LedgerEntry.objects.filter(account=resident)
    totals = entries.aggregate(
        total=Sum("amount"), cleared=Sum("amount", filter=cleared_filter(now))
    )
    total, cleared = cents(totals["total"]), cents(totals["cleared"])
    return Balances(
        total=total,
        cleared=cleared,
        pending=total - cleared,
        debt=-cleared if cleared < 0 else ZERO,
    )


def ledger_for(*, resident: Resident) -> QuerySet[LedgerEntry]:
    """The resident's entries, newest first."""
    return (
        LedgerEntry.objects.filter(account=resident)
        .select_related("order", "line", "payout")
        .order_by("-created_at", "-pk")
    )


def payouts_for(*, resident: Resident) -> QuerySet[Payout]:
    return (
        Payout.objects.filter(resident=resident)
        .select_related("run")
        .order_by("-run__created_at", "-pk")
    )


@dataclass(frozen=True)
class OrderBreakdown:
    """One order as one resident sees it (their lines only), in AZN.

    commission is what the Centre keeps (after commission given back by
    refunds); net = gross - refunded - commission is what the resident earns.
    """

    number: str
    date: datetime.datetime
    gross: Decimal
    commission: Decimal
    refunded: Decimal
    net: Decimal


def order_breakdown(*, resident: Resident) -> list[OrderBreakdown]:
    """Per order (newest first): gross, commission, refunded and net."""
    rows = (
        LedgerEntry.objects.filter(account=resident, order__isnull=False)
        .values("order__number", "order__date_placed")
        .annotate(
            gross=Sum("amount", filter=Q(kind=EntryKind.SALE)),
            commission=Sum(
                "amount",
                filter=Q(kind__in=[EntryKind.COMMISSION, EntryKind.COMMISSION_REFUND]),
            ),
            refunded=Sum("amount", filter=Q(kind=EntryKind.REFUND)),
            net=Sum("amount"),
        )
        .order_by("-order__date_placed", "-order__number")
    )
    return [
        OrderBreakdown(
            number=row["order__number"],
            date=row["order__date_placed"],
            gross=cents(row["gross"]),
            commission=-cents(row["commission"]),
            refunded=-cents(row["refunded"]),
            net=cents(row["net"]),
        )
        for row in rows
    ]


def order_ledger_sum(*, order) -> Decimal:
    """The sum of every entry of an order, all accounts: equals the order's
    lines as charged minus what was refunded on them."""
    return _sum(LedgerEntry.objects.filter(order=order))


def next_payout_date(*, now: datetime.datetime | None = None) -> datetime.date:
    """The next payout day (settings.MARKET_PAYOUT_DAY_OF_WEEK, 0 = Monday),
    today included: the cron job runs on that day."""
    today = timezone.localdate(now or timezone.now())
    weekday = int(getattr(settings, "MARKET_PAYOUT_DAY_OF_WEEK", 0))
    return today + datetime.timedelta(days=(weekday - today.weekday()) % 7)


def commission_rate_for(*, resident: Resident | None) -> tuple[Decimal, Decimal | None]:
    """(percent, minimum) for a resident's lines: the resident's own rate,
    else their programme's, else the Centre default row, else the setting."""
    rates = {}
    scopes = Q(resident__isnull=True, programme="")
    if resident is not None:
        scopes |= Q(resident=resident)
        if resident.programme and resident.programme != Programme.NONE:
            scopes |= Q(resident__isnull=True, programme=resident.programme)
    for rate in CommissionRate.objects.filter(scopes):
        rank = 0 if rate.resident_id else 1 if rate.programme else 2
        rates[rank] = rate
    if rates:
        best = rates[min(rates)]
        return best.percent, best.minimum
    return settings.MARKET_COMMISSION_DEFAULT_PERCENT, None


def sent_transfers(*, resident: Resident, order) -> QuerySet[PayoutTransfer]:
    """Connect transfers that moved money for this resident's part of an order."""
    return PayoutTransfer.objects.filter(
        payout__resident=resident, order=order, status=TransferStatus.SENT
    )


def transfer_reversed(*, transfer: PayoutTransfer) -> Decimal:
    return _sum(
        LedgerEntry.objects.filter(
            kind=EntryKind.REVERSAL,
            payout_id=transfer.payout_id,
            line__order_id=transfer.order_id,
        )
    )


@dataclass(frozen=True)
class PayoutPlan:
    """What a run would pay one resident now."""

    resident: Resident
    profile: PayoutProfile
    amount: Decimal


def payout_plans(*, now: datetime.datetime | None = None) -> list[PayoutPlan]:
    """Residents with a payout profile whose cleared balance reaches
    settings.MARKET_PAYOUT_THRESHOLD. Shown on the confirmation page; the run
    computes it again under row locks."""
    now = now or timezone.now()
    threshold = settings.MARKET_PAYOUT_THRESHOLD
    rows = (
        LedgerEntry.objects.filter(
            cleared_filter(now), account__payout_profile__isnull=False
        )
        .values_list("account")
        .annotate(Sum("amount"))
    )
    # Compared in Python, as exact cents (SQLite sums decimals as floats).
    amounts = {
        account: cents(cleared)
        for account, cleared in rows
        if cents(cleared) >= threshold
    }
    # A destination changed lately is not paid yet (PayoutProfile.held_until).
    profiles = (
        PayoutProfile.objects.filter(resident_id__in=amounts)
        .exclude(held_until__gt=now)
        .select_related("resident")
    )
    return sorted(
        (
            PayoutPlan(
                resident=profile.resident,
                profile=profile,
                amount=amounts[profile.resident_id],
            )
            for profile in profiles
        ),
        key=lambda plan: plan.resident.pk,
    )


def held_profiles(*, now: datetime.datetime | None = None) -> list[PayoutProfile]:
    """Payout profiles whose new destination is still held: a run skips
    them; staff see them on the run page and may release them."""
    now = now or timezone.now()
    return list(
        PayoutProfile.objects.filter(held_until__gt=now)
        .select_related("resident")
        .order_by("held_until", "pk")
    )


def connect_unpaid_by_order(
    *, resident: Resident, now: datetime.datetime
) -> list[tuple[int, Decimal]]:
    """For a Stripe Connect payout: per order (oldest first), the resident's
    cleared money of that order not yet transferred (sent or about to be),
    plus whatever was reversed back. Negative values are debts of that order."""
    per_order = {
        order_id: cents(amount)
        for order_id, amount in LedgerEntry.objects.filter(
            cleared_filter(now), account=resident
        )
        .exclude(order__isnull=True)
        .values_list("order_id")
        .annotate(Sum("amount"))
    }
    transfers = (
        PayoutTransfer.objects.filter(
            payout__resident=resident,
            status__in=[TransferStatus.SENT, TransferStatus.PENDING],
        )
        .values_list("order_id")
        .annotate(Sum("amount"))
    )
    for order_id, amount in transfers:
        per_order[order_id] = per_order.get(order_id, ZERO) - cents(amount)
    reversals = (
        LedgerEntry.objects.filter(
            cleared_filter(now), account=resident, kind=EntryKind.REVERSAL
        )
        .values_list("line__order_id")
        .annotate(Sum("amount"))
    )
    for order_id, amount in reversals:
        per_order[order_id] = per_order.get(order_id, ZERO) + cents(amount)
    return sorted(per_order.items())


def run_totals(run) -> dict[str, Decimal | int]:
    payouts = run.payouts.all()
    return {
        "count": payouts.count(),
        "total": _sum(payouts),
        "paid": _sum(payouts.filter(status=PayoutStatus.PAID)),
        "pending": _sum(payouts.filter(status=PayoutStatus.PENDING)),
        "failed": _sum(payouts.filter(status=PayoutStatus.FAILED)),
    }


def bank_payouts(*, run) -> QuerySet[Payout]:
    """The bank transfers of a run that are to be (or were) sent."""
    return (
        run.payouts.filter(rail=Rail.BANK_TRANSFER)
        .exclude(status=PayoutStatus.FAILED)
        .select_related("resident")
        .order_by("pk")
    )


def residents_with_money() -> QuerySet[Resident]:
    """Residents who have any ledger entry, for the staff balances page."""
    return (
        Resident.objects.filter(ledger_entries__isnull=False)
        .distinct()
        .select_related("payout_profile")
        .order_by("display_name")
    )
