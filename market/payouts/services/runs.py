"""Payout runs: paying residents their cleared balance, by Stripe Connect or
by bank transfer."""

from __future__ import annotations

import datetime
import logging
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from market.alerts.models import AlertKind
from market.alerts.services import alert_raise
from market.payments import client as payments
from market.payments import keys
from market.payments.money import Money
from market.residents.models import Resident

from .. import selectors
from ..models import (
    EntryKind,
    Payout,
    PayoutProfile,
    PayoutRun,
    PayoutStatus,
    PayoutTransfer,
    Rail,
    RunStatus,
    TransferStatus,
)
from ..rules import ZERO
from .ledger import ledger_entry_append

logger = logging.getLogger(__name__)


def payout_run_create(
    *, created_by=None, now: datetime.datetime | None = None
) -> PayoutRun:
    """Pay every resident with a payout profile whose cleared balance (money
    past its hold, minus earlier payouts and debts) reaches
    settings.MARKET_PAYOUT_THRESHOLD: one Payout of exactly that balance, and
    a `payout` entry taking it out of their account.

    Two steps. First, in one transaction holding row locks on the residents
    (in primary-key order, so two runs cannot deadlock and the second one
    finds the balances already paid), the payouts, their ledger entries and,
    for Stripe Connect, one PayoutTransfer per order are written. Then, once
    that is committed, the Stripe transfers are made (`payout_transfers_send`),
    each with an idempotency key of its own; Connect payouts an earlier run
    left pending are retried first. Bank payouts stay pending until staff mark
    them paid. Call it outside any transaction.

    `created_by` is empty when the system (the `payout_run` command) runs it.
    """
    now = now or timezone.now()
    for payout in Payout.objects.filter(
        rail=Rail.STRIPE_CONNECT, status=PayoutStatus.PENDING
    ).order_by("pk"):
        payout_transfers_send(payout=payout)
    run = _run_write(created_by=created_by, now=now)
    for payout in run.payouts.filter(rail=Rail.STRIPE_CONNECT).order_by("pk"):
        payout_transfers_send(payout=payout)
    _run_refresh_status(run)
    run.refresh_from_db()
    return run


@transaction.atomic
def _run_write(*, created_by, now: datetime.datetime) -> PayoutRun:
    run = PayoutRun.objects.create(
        created_by=created_by, created_at=timezone.now(), cleared_until=now
    )
    resident_ids = list(
        PayoutProfile.objects.order_by("resident_id").values_list(
            "resident_id", flat=True
        )
    )
    # Lock every resident who could be paid, always in the same order. A
    # concurrent run waits here, then sees the payout entries of this one.
    locked = list(
        Resident.objects.select_for_update()
        .filter(pk__in=resident_ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    plans = [
        plan for plan in selectors.payout_plans(now=now) if plan.resident.pk in locked
    ]
    for plan in plans:
        _payout_write(run=run, plan=plan, now=now)
    return run


def _payout_write(*, run: PayoutRun, plan: selectors.PayoutPlan, now) -> Payout | None:
    profile = plan.profile
    amount = plan.amount
    allocation: list[tuple[int, Decimal]] = []
    if profile.rail == Rail.STRIPE_CONNECT:
        allocation = _allocate_to_orders(
            unpaid=selectors.connect_unpaid_by_order(resident=plan.resident, now=now),
            amount=amount,
        )
        amount = sum((part for _order, part in allocation), ZERO)
        if amount < settings.MARKET_PAYOUT_THRESHOLD:
            return None
    payout = Payout.objects.create(
        run=run,
        resident=plan.resident,
        rail=profile.rail,
        amount=amount,
        account_holder=profile.account_holder,
        iban=profile.iban,
        stripe_account_id=profile.stripe_account_id,
    )
    ledger_entry_append(
        key=f"payout:{payout.pk}",
        account=plan.resident,
        kind=EntryKind.PAYOUT,
        amount=-amount,
        payout=payout,
        now=timezone.now(),
    )
    PayoutTransfer.objects.bulk_create(
        PayoutTransfer(
            payout=payout,
            order_id=order_id,
            amount=part,
            transfer_group=keys.transfer_group(number),
        )
        for (order_id, part), number in zip(
            allocation,
            _order_numbers([order_id for order_id, _p in allocation]),
            strict=True,
        )
    )
    return payout


def _order_numbers(order_ids: list[int]) -> list[str]:
    from oscar.apps.order.models import Order

    numbers = dict(Order.objects.filter(pk__in=order_ids).values_list("pk", "number"))
    return [numbers[order_id] for order_id in order_ids]


def _allocate_to_orders(
    *, unpaid: list[tuple[int, Decimal]], amount: Decimal
) -> list[tuple[int, Decimal]]:
    """Split a Connect payout into one transfer per order.

    Orders are taken oldest first, each for its unpaid money, until the
    payout amount (the cleared balance) is used up. The balance is already
    net of debts (refunds of money paid out, orders with a negative unpaid
    part), so a debt shortens the newest transfers of the payout; what they
    did not carry stays unpaid on those orders and goes in a later payout.
    """
    allocation = []
    left = amount
    for order_id, unpaid_amount in unpaid:
        if left <= 0:
            break
        if unpaid_amount <= 0:
            continue
        part = min(unpaid_amount, left)
        allocation.append((order_id, part))
        left -= part
    return allocation


def payout_transfers_send(*, payout: Payout) -> Payout:
    """Make the pending Stripe transfers of a Connect payout.

    Each transfer's idempotency key is `payout-<payout>-order-<order>`, so
    sending again (after a crash, a timeout, or from the next run) never pays
    twice within Stripe's idempotency window. A transfer Stripe refuses marks
    the payout failed: the transfers not made are marked failed and a
    `payout_failed` entry puts their amount back in the resident's balance.
    A transient error (network, rate limit) leaves the payout pending to retry.
    """
    for transfer in payout.transfers.filter(status=TransferStatus.PENDING).order_by(
        "order_id"
    ):
        try:
            result = payments.transfer_create(
                amount=Money(transfer.amount, settings.MARKET_BASE_CURRENCY),
                destination=payout.stripe_account_id,
                transfer_group=transfer.transfer_group,
                idempotency_key=transfer.idempotency_key,
                metadata={
                    "payout": str(payout.pk),
                    "run": str(payout.run_id),
                    "order": transfer.transfer_group.removeprefix("order-"),
                    "resident": str(payout.resident_id),
                },
            )
        except payments.PaymentsNotConfigured:
            # No Stripe keys here: leave it pending for a configured run.
            logger.warning("Stripe is not configured: payout %s waits.", payout.pk)
            return payout
        except payments.PaymentProviderError as error:
            if error.retryable:
                logger.warning("Transfer %s to retry: %s", transfer.pk, error)
                return payout
            _payout_fail(payout=payout, message=error.message, failed_transfer=transfer)
            return payout
        PayoutTransfer.objects.filter(pk=transfer.pk).update(
            status=TransferStatus.SENT,
            stripe_transfer_id=result.id,
            sent_at=timezone.now(),
        )
    with transaction.atomic():
        payout = Payout.objects.select_for_update().get(pk=payout.pk)
        if (
            payout.status == PayoutStatus.PENDING
            and not payout.transfers.exclude(status=TransferStatus.SENT).exists()
        ):
            payout.status = PayoutStatus.PAID
            payout.paid_at = timezone.now()
            payout.save(update_fields=["status", "paid_at"])
            _run_refresh_status(payout.run)
    return payout


@transaction.atomic
def _payout_fail(*, payout: Payout, message: str, failed_transfer=None) -> None:
    payout = Payout.objects.select_for_update().get(pk=payout.pk)
    if payout.status != PayoutStatus.PENDING:
        return
    if failed_transfer is not None:
        PayoutTransfer.objects.filter(pk=failed_transfer.pk).update(
            status=TransferStatus.FAILED, failure_message=message
        )
    payout.transfers.filter(status=TransferStatus.PENDING).update(
        status=TransferStatus.FAILED,
        failure_message=str(_("Not attempted: an earlier transfer failed.")),
    )
    unsent = payout.amount - payout.amount_sent
    payout.status = PayoutStatus.FAILED
    payout.failure_message = message
    payout.save(update_fields=["status", "failure_message"])
    # Append-only: the payout entry stays; this one gives back what never left.
    ledger_entry_append(
        key=f"payout_failed:{payout.pk}",
        account=payout.resident,
        kind=EntryKind.PAYOUT_FAILED,
        amount=unsent,
        payout=payout,
        now=timezone.now(),
    )
    _run_refresh_status(payout.run)
    alert_raise(
        kind=AlertKind.PAYOUT_FAILED,
        key=f"payout:{payout.pk}:failed",
        subject=f"Payout {payout.pk} to {payout.resident} failed",
        message=(
            f"{payout.amount} AZN to {payout.resident} ({payout.get_rail_display()}) "
            f"failed: {message}. {unsent} AZN went back to their balance; the "
            "next payout run pays it again once the cause is fixed."
        ),
        link=reverse("payouts:run", args=[payout.run_id]),
    )


def _run_refresh_status(run: PayoutRun) -> None:
    pending = run.payouts.filter(status=PayoutStatus.PENDING).exists()
    status = RunStatus.PENDING if pending else RunStatus.COMPLETED
    PayoutRun.objects.filter(pk=run.pk).update(status=status)


def _bank_payout(payout: Payout) -> Payout:
    locked = Payout.objects.select_for_update().get(pk=payout.pk)
    if locked.rail != Rail.BANK_TRANSFER:
        raise ValidationError(_("Only bank transfers are marked by hand."))
    if locked.status != PayoutStatus.PENDING:
        raise ValidationError(
            _("This payout is already %(status)s."),
            params={"status": locked.get_status_display()},
        )
    return locked


@transaction.atomic
def payout_mark_paid(*, payout: Payout, reference: str, user) -> Payout:
    """Staff confirm that the bank carried out a pending bank transfer."""
    payout = _bank_payout(payout)
    payout.status = PayoutStatus.PAID
    payout.reference = reference.strip()
    payout.paid_at = timezone.now()
    payout.paid_by = user
    payout.save(update_fields=["status", "reference", "paid_at", "paid_by"])
    _run_refresh_status(payout.run)
    return payout


@transaction.atomic
def payout_mark_failed(*, payout: Payout, reason: str, user) -> Payout:
    """Staff report that the bank returned a transfer: the money goes back
    into the resident's balance (a `payout_failed` entry)."""
    payout = _bank_payout(payout)
    _payout_fail(
        payout=payout, message=reason.strip() or str(_("Returned by the bank."))
    )
    payout.refresh_from_db()
    return payout
