"""Property test of the ledger: random orders of several residents, random
commission rates, refunds, payout runs (both rails, with Stripe failing now
and then) at random times; the books always balance.

Run with `--hypothesis-show-statistics` to see how many examples ran.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.test import override_settings
from django.utils import timezone
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from market.export.models import Parcel
from market.payments.client import PaymentProviderError
from market.payouts import selectors, services
from market.payouts.models import (
    CommissionRate,
    EntryKind,
    LedgerEntry,
    LineShare,
    Payout,
    PayoutProfile,
    PayoutStatus,
    Rail,
)
from market.payouts.rules import CENT
from tests.factories import ResidentFactory

from .conftest import bank_profile, connect_profile, make_order

pytestmark = pytest.mark.django_db
D = Decimal
ZERO = D("0.00")

prices = st.integers(min_value=1, max_value=99_999).map(lambda c: D(c) / 100)
lines = st.tuples(
    st.integers(min_value=0, max_value=2),  # which resident
    prices,
    st.integers(min_value=1, max_value=3),  # quantity
)
# Parcels: (which resident, shipping charge), at most one per resident; a
# free parcel (0.00) writes nothing.
parcels = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=2),
        st.integers(min_value=0, max_value=20_000).map(lambda c: D(c) / 100),
    ),
    max_size=3,
    unique_by=lambda parcel: parcel[0],
)
place = st.tuples(st.just("place"), st.lists(lines, min_size=1, max_size=4), parcels)
refund_shipping = st.tuples(
    st.just("refund_shipping"),
    st.integers(min_value=0, max_value=99),  # which order
    st.integers(min_value=0, max_value=99),  # which parcel
)
refund = st.tuples(
    st.just("refund"),
    st.integers(min_value=0, max_value=99),  # which order
    st.integers(min_value=0, max_value=99),  # which line
    st.booleans(),  # everything left, or a part
    st.integers(min_value=0, max_value=10**6),  # the part
)
advance = st.tuples(st.just("advance"), st.integers(min_value=0, max_value=20))
run = st.tuples(st.just("run"))
operations = st.one_of(
    place,
    place,
    refund,
    refund,
    refund_shipping,
    advance,
    advance,
    run,
    run,
    st.tuples(st.just("fail_transfers"), st.booleans()),
    st.tuples(st.just("fail_reversals"), st.booleans()),
    st.tuples(st.just("bank"), st.booleans()),
)
rates = st.tuples(
    st.integers(min_value=0, max_value=10_000).map(lambda c: D(c) / 100),
    st.one_of(
        st.none(), st.integers(min_value=0, max_value=5_000).map(lambda c: D(c) / 100)
    ),
)
rails = st.sampled_from([Rail.BANK_TRANSFER, Rail.STRIPE_CONNECT, None])


@dataclass
class Clock:
    now: datetime.datetime = field(default_factory=timezone.now)

    def __call__(self) -> datetime.datetime:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    """Time moves only when the scenario says so."""
    clock = Clock()
    monkeypatch.setattr("django.utils.timezone.now", clock)
    return clock


@pytest.fixture
def three_residents(db):
    return [ResidentFactory(display_name=f"Rezident {n}") for n in range(3)]


EXAMPLES = []


@settings(
    max_examples=200,
    deadline=None,
    database=None,  # no example files in the checkout
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    resident_rates=st.lists(rates, min_size=3, max_size=3),
    resident_rails=st.lists(rails, min_size=3, max_size=3),
    shipping_percent=st.integers(min_value=0, max_value=10_000).map(
        lambda c: D(c) / 100
    ),
    first_order=place,
    steps=st.lists(operations, max_size=12),
    after_payout=st.lists(
        st.one_of(
            refund,
            refund,
            refund_shipping,
            place,
            st.tuples(st.just("fail_reversals"), st.booleans()),
        ),
        max_size=5,
    ),
)
def test_the_books_always_balance(
    three_residents,
    clock,
    connect,
    resident_rates,
    resident_rails,
    shipping_percent,
    first_order,
    steps,
    after_payout,
):
    # Random steps, then a run once everything has cleared, refunds of money
    # now paid out (reversals or debts), and another run that nets them.
    scenario = [
        first_order,
        *steps,
        ("advance", 15),
        ("run",),
        *after_payout,
        ("advance", 15),
        ("run",),
        ("bank", True),
    ]
    EXAMPLES.append(1)
    # Each example in its own savepoint, rolled back at the end; the Centre's
    # commission on shipping is one of the example's choices.
    with (
        override_settings(MARKET_SHIPPING_COMMISSION_PERCENT=shipping_percent),
        transaction.atomic(),
    ):
        _scenario(
            three_residents,
            clock,
            connect,
            resident_rates,
            resident_rails,
            scenario,
        )
        transaction.set_rollback(True)


def _scenario(residents, clock, connect, resident_rates, resident_rails, steps):
    connect.__init__()
    clock.now = datetime.datetime(2027, 1, 4, 10, tzinfo=datetime.UTC)
    for resident, (percent, minimum), rail in zip(
        residents, resident_rates, resident_rails, strict=True
    ):
        CommissionRate.objects.create(
            resident=resident, percent=percent, minimum=minimum
        )
        if rail == Rail.BANK_TRANSFER:
            bank_profile(resident)
        elif rail == Rail.STRIPE_CONNECT:
            connect_profile(resident, account=f"acct_1R{resident.pk}")
    orders, refunded = [], {}
    for step in steps:
        kind = step[0]
        if kind == "place":
            order = make_order(
                *[(residents[r], price, qty) for r, price, qty in step[1]],
                shipping=[(residents[r], charge) for r, charge in step[2]],
            )
            services.order_shares_record(order=order)
            for parcel in order.parcels.order_by("pk"):
                services.parcel_shipping_record(parcel=parcel)
                # Recording it again writes nothing.
                services.parcel_shipping_record(parcel=parcel)
            orders.append(order)
            refunded[order.pk] = ZERO
        elif kind == "refund":
            _refund(orders, refunded, *step[1:])
        elif kind == "refund_shipping":
            _refund_shipping(orders, refunded, *step[1:])
        elif kind == "advance":
            clock.now += datetime.timedelta(days=step[1])
        elif kind == "run":
            _run(residents)
        elif kind == "fail_transfers":
            connect.transfer_error = (
                PaymentProviderError("Refused.", code="refused") if step[1] else None
            )
        elif kind == "fail_reversals":
            connect.reversal_error = (
                PaymentProviderError("No funds.", code="funds") if step[1] else None
            )
        elif kind == "bank":
            payout = (
                Payout.objects.filter(
                    rail=Rail.BANK_TRANSFER, status=PayoutStatus.PENDING
                )
                .order_by("pk")
                .first()
            )
            if payout is not None and step[1]:
                services.payout_mark_paid(payout=payout, reference="B", user=None)
            elif payout is not None:
                services.payout_mark_failed(payout=payout, reason="Returned", user=None)
        _check_books(residents, orders, refunded, connect)
    _events(residents, connect)


def _events(residents, connect):
    """What the example exercised (shown by --hypothesis-show-statistics)."""
    kinds = set(LedgerEntry.objects.values_list("kind", flat=True))
    for kind in sorted(kinds - {EntryKind.SALE, EntryKind.COMMISSION}):
        event(f"entry: {kind}")
    for status in sorted(set(Payout.objects.values_list("status", flat=True))):
        event(f"payout {status}")
    if connect.sent:
        event("Stripe transfers made")
    if any(selectors.balance(resident=r).total < 0 for r in residents):
        event("a resident in debt")


def _run(residents):
    """A run pays each resident exactly their cleared balance, if it reaches
    the threshold and they have a profile; nobody else."""
    before = {r.pk: selectors.balance(resident=r).cleared for r in residents}
    profiled = set(PayoutProfile.objects.values_list("resident_id", flat=True))
    run = services.payout_run_create()
    paid = {p.resident_id: p.amount for p in run.payouts.all()}
    for resident in residents:
        expected = before[resident.pk]
        if resident.pk in profiled and expected >= D("20.00"):
            assert paid[resident.pk] == expected
        else:
            assert resident.pk not in paid


def _refund(orders, refunded, order_index, line_index, everything, part):
    order = orders[order_index % len(orders)]
    order_lines = list(order.lines.order_by("pk"))
    line = order_lines[line_index % len(order_lines)]
    share = LineShare.objects.get(line=line)
    already = -sum(
        LedgerEntry.objects.filter(line=line, kind=EntryKind.REFUND).values_list(
            "amount", flat=True
        ),
        ZERO,
    )
    left = share.gross - already
    before = LedgerEntry.objects.count()
    key = f"re{LedgerEntry.objects.count()}"
    if left == 0:
        # Nothing left to refund: refused, nothing written.
        with pytest.raises(ValidationError):
            services.line_refund_record(line=line, amount=D("0.01"), key=key)
        assert LedgerEntry.objects.count() == before
        return
    amount = left if everything else D(1 + part % int(left * 100)) / 100
    services.line_refund_record(line=line, amount=amount, key=key)
    refunded[order.pk] += amount
    # The same refund again writes nothing.
    services.line_refund_record(line=line, amount=amount, key=key)
    assert LedgerEntry.objects.count() > before


def _refund_shipping(orders, refunded, order_index, parcel_index):
    order = orders[order_index % len(orders)]
    order_parcels = list(order.parcels.order_by("pk"))
    if not order_parcels:
        return
    parcel = order_parcels[parcel_index % len(order_parcels)]
    before = LedgerEntry.objects.count()
    if services.parcel_shipping_refunded(parcel=parcel):
        # A parcel's shipping goes back once: refused, nothing written.
        with pytest.raises(ValidationError):
            services.parcel_shipping_refund_record(parcel=parcel, key="again")
        assert LedgerEntry.objects.count() == before
        return
    services.parcel_shipping_refund_record(parcel=parcel, key=f"ship{parcel.pk}")
    refunded[order.pk] += parcel.charge
    # The same refund again writes nothing.
    services.parcel_shipping_refund_record(parcel=parcel, key=f"ship{parcel.pk}")
    if parcel.charge:
        assert LedgerEntry.objects.count() > before
    else:
        assert LedgerEntry.objects.count() == before


def _check_books(residents, orders, refunded, connect):
    entries = list(LedgerEntry.objects.values_list("account_id", "amount", "kind"))
    for _account, amount, _kind in entries:
        assert amount != 0
        assert amount == amount.quantize(CENT)  # whole cents, nothing finer

    charged = ZERO
    for order in orders:
        charged += order.total_incl_tax
        assert selectors.order_ledger_sum(order=order) == (
            order.total_incl_tax - refunded[order.pk]
        )

    for resident in residents:
        own = sum((a for account, a, _k in entries if account == resident.pk), ZERO)
        assert selectors.balance(resident=resident).total == own

    sent = sum((call["amount"].amount for call in connect.sent), ZERO)
    reversed_ = sum((call["amount"].amount for call in connect.reversals), ZERO)
    bank = sum(
        Payout.objects.filter(rail=Rail.BANK_TRANSFER)
        .exclude(status=PayoutStatus.FAILED)
        .values_list("amount", flat=True),
        ZERO,
    )
    paid_out = sent - reversed_ + bank
    assert sum((a for _acc, a, _k in entries), ZERO) == (
        charged - sum(refunded.values(), ZERO) - paid_out
    )

    # No share of a line ever goes below zero, for the resident or the Centre.
    for share in LineShare.objects.all():
        per_line = LedgerEntry.objects.filter(line_id=share.line_id).exclude(
            kind=EntryKind.REVERSAL
        )
        resident_part = sum(
            per_line.filter(account__isnull=False).values_list("amount", flat=True),
            ZERO,
        )
        centre_part = sum(
            per_line.filter(account__isnull=True).values_list("amount", flat=True), ZERO
        )
        assert resident_part >= 0
        assert centre_part >= 0

    # Neither side of a parcel's shipping ever goes below zero.
    for parcel in Parcel.objects.all():
        own = LedgerEntry.objects.filter(
            Q(key__endswith=f":parcel:{parcel.pk}")
            | Q(key__contains=f":parcel:{parcel.pk}:")
            | Q(key=f"shipping:parcel:{parcel.pk}")
        )
        assert (
            sum(
                own.filter(account__isnull=False).values_list("amount", flat=True), ZERO
            )
            >= 0
        )
        assert (
            sum(own.filter(account__isnull=True).values_list("amount", flat=True), ZERO)
            >= 0
        )

    # Payouts: at least the threshold; a Connect payout's transfers add up to it.
    for payout in Payout.objects.prefetch_related("transfers"):
        assert payout.amount >= D("20.00")
        if payout.rail == Rail.STRIPE_CONNECT:
            assert (
                sum((t.amount for t in payout.transfers.all()), ZERO) == payout.amount
            )
            assert all(t.amount > 0 for t in payout.transfers.all())


def test_the_property_test_ran_its_examples():
    """Runs after the property test in this module (file order)."""
    if EXAMPLES:
        assert len(EXAMPLES) >= 200
