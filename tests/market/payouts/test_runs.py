"""Payout runs: threshold, hold, bank batch file, Stripe Connect transfers,
failures and their compensation."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from market.alerts.models import AlertKind, AlertStatus, StaffAlert
from market.payments.client import PaymentProviderError
from market.payments.money import Money
from market.payouts import selectors, services
from market.payouts.models import (
    EntryKind,
    LedgerEntry,
    Payout,
    PayoutRun,
    PayoutStatus,
    RunStatus,
    TransferStatus,
)
from tests.factories import ResidentFactory

from .conftest import bank_profile, connect_profile, make_order

pytestmark = pytest.mark.django_db
D = Decimal


def _later(days=15):
    return timezone.now() + datetime.timedelta(days=days)


def _sell(resident, *prices):
    order = make_order(*[(resident, price, 1) for price in prices])
    services.order_shares_record(order=order)
    return order


def test_only_cleared_balances_at_the_threshold_with_a_profile_are_paid(
    resident, other_resident, settings
):
    settings.MARKET_PAYOUT_THRESHOLD = D("20.00")
    bank_profile(resident)
    bank_profile(other_resident)
    no_profile = ResidentFactory(display_name="Profilsiz")
    _sell(resident, "22.23")  # net 20.01 (commission 2.22)
    _sell(other_resident, "22.22")  # net 20.00 (commission 2.22): exactly it
    _sell(no_profile, "500.00")
    below = ResidentFactory(display_name="Az")
    bank_profile(below)
    _sell(below, "22.21")  # net 19.99

    run = services.payout_run_create(now=_later())

    assert sorted((p.resident.display_name, p.amount) for p in run.payouts.all()) == [
        ("Oyun Studiyası", D("20.00")),
        ("Xalça Atelier", D("20.01")),
    ]
    assert selectors.balance(resident=resident, now=_later()).cleared == D("0.00")
    assert selectors.balance(resident=below, now=_later()).cleared == D("19.99")
    assert selectors.balance(resident=no_profile, now=_later()).cleared == D("450.00")
    entry = LedgerEntry.objects.get(kind=EntryKind.PAYOUT, account=resident)
    assert (entry.amount, entry.payout.resident, entry.order) == (
        D("-20.01"),
        resident,
        None,
    )


def test_a_sale_younger_than_the_hold_is_not_paid(resident, settings):
    settings.MARKET_PAYOUT_HOLD_DAYS = 14
    bank_profile(resident)
    _sell(resident, "100.00")

    early = services.payout_run_create(now=_later(13))
    on_time = services.payout_run_create(now=_later(14) + datetime.timedelta(hours=1))

    assert early.payouts.count() == 0
    assert [p.amount for p in on_time.payouts.all()] == [D("90.00")]


def test_a_second_run_finds_nothing_left(resident):
    bank_profile(resident)
    _sell(resident, "100.00")
    services.payout_run_create(now=_later())

    second = services.payout_run_create(now=_later())

    assert second.payouts.count() == 0
    assert second.status == RunStatus.COMPLETED
    assert Payout.objects.count() == 1


def test_the_bank_batch_file(resident, other_resident, staff):
    bank_profile(resident)
    bank_profile(other_resident, iban="GB82 WEST 1234 5698 7654 32")
    other_resident.display_name = "=Oyun Studiyası"  # a formula is not run
    other_resident.save()
    _sell(resident, "100.00", "50.50")
    _sell(other_resident, "80.00")
    run = services.payout_run_create(created_by=staff, now=_later())
    first, second = run.payouts.order_by("pk")

    text = services.bank_transfer_batch_csv(run=run)

    assert text == (
        "resident,account_holder,iban,amount,currency,reference\r\n"
        f"Xalça Atelier,Xalça Atelier MMC,AZ21NABZ00000000137010001944,135.45,AZN,"
        f"CM-{run.pk}-{first.pk}\r\n"
        f"'=Oyun Studiyası,Oyun Studiyası MMC,GB82WEST12345698765432,72.00,AZN,"
        f"CM-{run.pk}-{second.pk}\r\n"
    )
    assert (run.status, first.status) == (RunStatus.PENDING, PayoutStatus.PENDING)


def test_bank_payouts_are_marked_paid_or_failed_by_staff(
    resident, other_resident, staff
):
    bank_profile(resident)
    bank_profile(other_resident)
    _sell(resident, "100.00")
    _sell(other_resident, "100.00")
    run = services.payout_run_create(created_by=staff, now=_later())
    paid, failed = run.payouts.order_by("pk")

    services.payout_mark_paid(payout=paid, reference="  KB-7781 ", user=staff)
    services.payout_mark_failed(payout=failed, reason="IBAN closed", user=staff)

    paid.refresh_from_db()
    failed.refresh_from_db()
    run.refresh_from_db()
    assert (paid.status, paid.reference, paid.paid_by) == (
        PayoutStatus.PAID,
        "KB-7781",
        staff,
    )
    assert (failed.status, failed.failure_message) == (
        PayoutStatus.FAILED,
        "IBAN closed",
    )
    assert run.status == RunStatus.COMPLETED
    assert selectors.balance(resident=other_resident, now=_later()).cleared == D(
        "90.00"
    )
    assert services.bank_transfer_batch_csv(run=run).count("\r\n") == 2
    alert = StaffAlert.objects.get()
    assert (alert.kind, alert.status, alert.key) == (
        AlertKind.PAYOUT_FAILED,
        AlertStatus.OPEN,
        f"payout:{failed.pk}:failed",
    )
    assert "IBAN closed" in alert.message
    assert alert.link == f"/cms/payouts/{run.pk}/"

    with pytest.raises(ValidationError):
        services.payout_mark_paid(payout=failed, reference="again", user=staff)
    failed.refresh_from_db()
    assert failed.status == PayoutStatus.FAILED


def test_connect_pays_one_transfer_per_order(resident, other_resident, connect):
    connect_profile(resident, account="acct_1Xalca")
    first = _sell(resident, "100.00")
    second = make_order((resident, "40.00", 2), (other_resident, "10.00", 1))
    services.order_shares_record(order=second)

    run = services.payout_run_create(now=_later())

    (payout,) = run.payouts.all()
    assert (payout.amount, payout.status) == (D("162.00"), PayoutStatus.PAID)
    assert [
        (c["amount"], c["destination"], c["transfer_group"], c["idempotency_key"])
        for c in connect.transfers
    ] == [
        (
            Money(D("90.00"), "AZN"),
            "acct_1Xalca",
            f"order-{first.number}",
            f"payout-{payout.pk}-order-{first.pk}",
        ),
        (
            Money(D("72.00"), "AZN"),
            "acct_1Xalca",
            f"order-{second.number}",
            f"payout-{payout.pk}-order-{second.pk}",
        ),
    ]
    assert [
        (t.order, t.amount, t.stripe_transfer_id, t.status)
        for t in payout.transfers.all()
    ] == [
        (first, D("90.00"), "tr_fake_1", TransferStatus.SENT),
        (second, D("72.00"), "tr_fake_2", TransferStatus.SENT),
    ]
    assert connect.transfers[0]["metadata"] == {
        "payout": str(payout.pk),
        "run": str(run.pk),
        "order": first.number,
        "resident": str(resident.pk),
    }
    assert run.status == RunStatus.COMPLETED


def test_a_debt_shortens_the_newest_transfers(resident, connect):
    connect_profile(resident)
    old = _sell(resident, "100.00")
    services.payout_run_create(now=_later())
    # Refunded after payout; Stripe will not give it back: a 45.00 debt.
    connect.reversal_error = PaymentProviderError("No funds.")
    services.line_refund_record(line=old.lines.get(), amount=D("50.00"), key="r")
    first = _sell(resident, "50.00")  # net 45.00
    second = _sell(resident, "60.00")  # net 54.00

    run = services.payout_run_create(now=_later(30))

    (payout,) = run.payouts.all()
    assert payout.amount == D("54.00")
    assert [(t.order, t.amount) for t in payout.transfers.all()] == [
        (first, D("45.00")),
        (second, D("9.00")),
    ]
    # Later money goes to the oldest order that shows unpaid money: the
    # second one, whose transfer the debt shortened.
    third = _sell(resident, "30.00")
    run = services.payout_run_create(now=_later(45))
    (payout,) = run.payouts.all()
    assert [(t.order, t.amount) for t in payout.transfers.all()] == [
        (second, D("27.00"))
    ]
    assert third.payout_transfers.count() == 0


def test_a_refused_transfer_fails_the_payout_and_returns_the_unsent_money(
    resident, connect
):
    connect_profile(resident)
    first = _sell(resident, "100.00")
    second = _sell(resident, "50.00")
    third = _sell(resident, "20.00")
    connect.failing_groups = {f"order-{second.number}"}

    run = services.payout_run_create(now=_later())

    (payout,) = run.payouts.all()
    assert (payout.amount, payout.status) == (D("153.00"), PayoutStatus.FAILED)
    assert payout.failure_message == "The destination account cannot receive transfers."
    assert [(t.order, t.status) for t in payout.transfers.all()] == [
        (first, TransferStatus.SENT),
        (second, TransferStatus.FAILED),
        (third, TransferStatus.FAILED),
    ]
    assert [c["transfer_group"] for c in connect.sent] == [f"order-{first.number}"]
    entries = LedgerEntry.objects.filter(payout=payout).order_by("pk")
    assert [(e.kind, e.amount) for e in entries] == [
        (EntryKind.PAYOUT, D("-153.00")),
        (EntryKind.PAYOUT_FAILED, D("63.00")),
    ]
    assert selectors.balance(resident=resident, now=_later()).cleared == D("63.00")
    assert run.status == RunStatus.COMPLETED

    # Once the account is fixed, the next run pays the rest, order by order.
    connect.failing_groups = set()
    run = services.payout_run_create(now=_later())
    (payout,) = run.payouts.all()
    assert [(t.order, t.amount) for t in payout.transfers.all()] == [
        (second, D("45.00")),
        (third, D("18.00")),
    ]
    assert selectors.balance(resident=resident, now=_later()).cleared == D("0.00")


def test_a_transient_error_leaves_the_payout_pending_and_the_next_run_retries(
    resident, connect
):
    connect_profile(resident)
    order = _sell(resident, "100.00")
    connect.transfer_error = PaymentProviderError("Timeout.", retryable=True)

    first_run = services.payout_run_create(now=_later())

    (payout,) = first_run.payouts.all()
    assert payout.status == PayoutStatus.PENDING
    assert first_run.status == RunStatus.PENDING
    assert connect.sent == []

    connect.transfer_error = None
    second_run = services.payout_run_create(now=_later())

    payout.refresh_from_db()
    assert payout.status == PayoutStatus.PAID
    assert second_run.payouts.count() == 0
    assert [c["idempotency_key"] for c in connect.sent] == [
        f"payout-{payout.pk}-order-{order.pk}"
    ]
    first_run.refresh_from_db()
    assert first_run.status == RunStatus.COMPLETED


def test_the_cron_command_runs_as_the_system(resident, settings):
    settings.MARKET_PAYOUT_HOLD_DAYS = 0
    bank_profile(resident)
    _sell(resident, "100.00")

    call_command("payout_run", stdout=open("/dev/null", "w"))  # noqa: SIM115

    run = PayoutRun.objects.get()
    assert run.created_by is None
    assert [p.amount for p in run.payouts.all()] == [D("90.00")]


def test_next_payout_date(settings):
    settings.MARKET_PAYOUT_DAY_OF_WEEK = 0  # Monday
    wednesday = datetime.datetime(2026, 12, 2, 12, tzinfo=datetime.UTC)
    monday = datetime.datetime(2026, 12, 7, 9, tzinfo=datetime.UTC)

    assert selectors.next_payout_date(now=wednesday) == datetime.date(2026, 12, 7)
    assert selectors.next_payout_date(now=monday) == datetime.date(2026, 12, 7)
    settings.MARKET_PAYOUT_DAY_OF_WEEK = 4  # Friday
    assert selectors.next_payout_date(now=monday) == datetime.date(2026, 12, 11)
