"""Refunds of order lines: prorated commission, limits, idempotency, and
refunds of money already paid out (Stripe reversal, or a debt)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from market.payments.client import PaymentProviderError
from market.payments.money import Money
from market.payouts import selectors, services
from market.payouts.models import CommissionRate, EntryKind, LedgerEntry, PayoutStatus

from .conftest import bank_profile, connect_profile, make_order

pytestmark = pytest.mark.django_db
D = Decimal


def _later(days=15):
    return timezone.now() + datetime.timedelta(days=days)


def _snapshot():
    return sorted(LedgerEntry.objects.values_list("key", "amount"))


@pytest.fixture
def order(resident, other_resident):
    """Resident: 100.00 at 10 % (commission 10.00); other: 33.33 at 10 % (3.33)."""
    order = make_order((resident, "100.00", 1), (other_resident, "33.33", 1))
    services.order_shares_record(order=order)
    return order


def test_a_partial_refund_returns_the_prorated_commission(order, resident):
    line = order.lines.get(partner=resident.partner)

    entries = services.line_refund_record(line=line, amount=D("25.00"), key="re_1")

    assert [(e.key, e.account_id, e.kind, e.amount) for e in entries] == [
        (f"refund:re_1:line:{line.pk}", resident.pk, "refund", D("-25.00")),
        (
            f"commission_refund:re_1:line:{line.pk}:resident",
            resident.pk,
            "commission_refund",
            D("2.50"),
        ),
        (
            f"commission_refund:re_1:line:{line.pk}:centre",
            None,
            "commission_refund",
            D("-2.50"),
        ),
    ]
    assert selectors.balance(resident=resident).total == D("67.50")
    assert selectors.order_ledger_sum(order=order) == D("108.33")


def test_successive_refunds_return_exactly_the_whole_commission(order, other_resident):
    line = order.lines.get(partner=other_resident.partner)
    returned = []
    for key, amount in [("a", "0.01"), ("b", "0.01"), ("c", "10.00"), ("d", "23.31")]:
        entries = services.line_refund_record(line=line, amount=D(amount), key=key)
        returned.append(
            sum(
                e.amount
                for e in entries
                if e.kind == EntryKind.COMMISSION_REFUND and e.account_id
            )
        )

    # round(3.33 * R / 33.33) at R = 0.01, 0.02, 10.02, then the rest.
    assert returned == [D("0.00"), D("0.00"), D("1.00"), D("2.33")]
    assert sum(returned) == D("3.33")
    assert selectors.balance(resident=other_resident).total == D("0.00")
    assert selectors.order_ledger_sum(order=order) == D("100.00")


def test_a_full_refund_with_a_minimum_commission(resident):
    CommissionRate.objects.create(resident=resident, percent=D("1"), minimum=D("2.00"))
    order = make_order((resident, "5.00", 1))
    services.order_shares_record(order=order)
    line = order.lines.get()

    services.line_refund_record(line=line, amount=D("5.00"), key="all")

    assert selectors.balance(resident=resident).total == D("0.00")
    assert selectors.order_ledger_sum(order=order) == D("0.00")
    centre = sum(e.amount for e in LedgerEntry.objects.filter(account__isnull=True))
    assert centre == D("0.00")


def test_the_same_refund_key_writes_nothing_twice(order, resident):
    line = order.lines.get(partner=resident.partner)
    first = services.line_refund_record(line=line, amount=D("40.00"), key="re_1")
    before = _snapshot()

    again = services.line_refund_record(line=line, amount=D("40.00"), key="re_1")

    assert [e.pk for e in again] == [e.pk for e in first]
    assert _snapshot() == before


@pytest.mark.parametrize(
    ("earlier", "amount"),
    [(None, "100.01"), ("60.00", "40.01"), ("100.00", "0.01")],
)
def test_refunds_above_the_gross_are_refused_and_write_nothing(
    order, resident, earlier, amount
):
    line = order.lines.get(partner=resident.partner)
    if earlier:
        services.line_refund_record(line=line, amount=D(earlier), key="earlier")
    before = _snapshot()

    with pytest.raises(ValidationError):
        services.line_refund_record(line=line, amount=D(amount), key="too-much")

    assert _snapshot() == before


@pytest.mark.parametrize("amount", ["0", "-1.00", "0.001"])
def test_refund_amounts_are_positive_cents(order, resident, amount):
    line = order.lines.get(partner=resident.partner)
    before = _snapshot()

    with pytest.raises(ValidationError):
        services.line_refund_record(line=line, amount=D(amount), key="odd")

    assert _snapshot() == before


def test_a_refund_after_a_connect_payout_is_reversed_from_the_order_transfer(
    order, resident, connect
):
    connect_profile(resident)
    run = services.payout_run_create(now=_later())
    (payout,) = run.payouts.all()
    (transfer,) = payout.transfers.all()
    line = order.lines.get(partner=resident.partner)

    entries = services.line_refund_record(line=line, amount=D("50.00"), key="re_9")

    # Refund 50.00 gives back 5.00 commission: the resident's net 45.00 comes
    # back from the transfer.
    assert connect.reversals == [
        {
            "transfer_id": transfer.stripe_transfer_id,
            "amount": Money(D("45.00"), "AZN"),
            "idempotency_key": f"refund-re_9-line-{line.pk}-transfer-{transfer.pk}",
        }
    ]
    reversal = entries[-1]
    assert (reversal.kind, reversal.amount, reversal.payout, reversal.order) == (
        EntryKind.REVERSAL,
        D("45.00"),
        payout,
        None,
    )
    assert selectors.balance(resident=resident, now=_later()).cleared == D("0.00")
    assert selectors.order_ledger_sum(order=order) == D("83.33")

    # The same refund again: Stripe is not asked twice.
    services.line_refund_record(line=line, amount=D("50.00"), key="re_9")
    assert len(connect.reversals) == 1


def test_a_failed_reversal_leaves_a_debt_the_next_connect_run_nets(
    order, resident, connect
):
    connect_profile(resident)
    services.payout_run_create(now=_later())
    connect.reversal_error = PaymentProviderError("Insufficient funds.")
    line = order.lines.get(partner=resident.partner)

    services.line_refund_record(line=line, amount=D("100.00"), key="re_all")

    assert not LedgerEntry.objects.filter(kind=EntryKind.REVERSAL).exists()
    balances = selectors.balance(resident=resident, now=_later())
    assert (balances.cleared, balances.debt) == (D("-90.00"), D("90.00"))

    # A new sale of 150.00 (net 135.00): the next run pays 135.00 - 90.00.
    newer = make_order((resident, "150.00", 1))
    services.order_shares_record(order=newer)
    run = services.payout_run_create(now=_later(30))

    (payout,) = run.payouts.all()
    assert payout.amount == D("45.00")
    assert [(t.order, t.amount) for t in payout.transfers.all()] == [
        (newer, D("45.00"))
    ]
    assert selectors.balance(resident=resident, now=_later(30)).cleared == D("0.00")


def test_a_refund_after_a_bank_payout_is_a_debt_the_next_run_nets(order, resident):
    bank_profile(resident)
    run = services.payout_run_create(now=_later())
    (payout,) = run.payouts.all()
    services.payout_mark_paid(payout=payout, reference="BANK-1", user=None)
    line = order.lines.get(partner=resident.partner)

    services.line_refund_record(line=line, amount=D("40.00"), key="re_b")

    balances = selectors.balance(resident=resident, now=_later())
    assert (balances.total, balances.cleared, balances.debt) == (
        D("-36.00"),
        D("-36.00"),
        D("36.00"),
    )
    newer = make_order((resident, "100.00", 1))
    services.order_shares_record(order=newer)

    # 90.00 cleared from the new sale minus the 36.00 debt.
    run = services.payout_run_create(now=_later(30))

    (payout,) = run.payouts.all()
    assert (payout.amount, payout.status) == (D("54.00"), PayoutStatus.PENDING)
    balances = selectors.balance(resident=resident, now=_later(30))
    assert (balances.cleared, balances.debt) == (D("0.00"), D("0.00"))
