"""Property test: every money figure of the impact report equals the
ledger's own totals, to the cent, for any period and programme.

The ledger is written by the scenarios of the ledger's own property test
(tests/market/payouts/test_properties.py: random orders of three residents,
refunds, shipping refunds, payout runs on both rails with Stripe failing
now and then, days passing). After each scenario, the report's figures for
random periods are compared with sums computed here, entry by entry.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from market.impact import figures
from market.impact.periods import Period
from market.payouts.models import EntryKind, LedgerEntry
from market.residents.models import Programme
from tests.market.payouts.conftest import connect  # noqa: F401 (fixture)
from tests.market.payouts.test_properties import (
    _scenario,
    clock,  # noqa: F401 (fixture)
    operations,
    place,
    rails,
    rates,
    refund,
    refund_shipping,
    three_residents,  # noqa: F401 (fixture)
)

pytestmark = pytest.mark.django_db
ZERO = Decimal("0.00")
PROGRAMMES = list(Programme.values)
EXAMPLES = []
PAID_OUT = (EntryKind.PAYOUT, EntryKind.PAYOUT_FAILED, EntryKind.REVERSAL)


def _by_hand(entries, period: Period, programme: str) -> dict[str, Decimal]:
    """The period's sums, entry by entry, from the ledger's own rows."""
    sums = dict.fromkeys([*figures.MONEY_KEYS, "centre_commission"], ZERO)
    for entry in entries:
        if not period.start <= entry.created_at < period.end:
            continue
        if entry.account is None and entry.kind in (
            EntryKind.COMMISSION,
            EntryKind.COMMISSION_REFUND,
        ):
            sums["centre_commission"] += entry.amount
        if programme and (
            entry.account is None or entry.account.programme != programme
        ):
            continue
        if entry.kind == EntryKind.SALE:
            sums["gross"] += entry.amount
        elif entry.kind == EntryKind.SHIPPING:
            sums["shipping"] += entry.amount
        elif entry.kind == EntryKind.REFUND:
            sums["refunds"] -= entry.amount
        elif entry.kind in PAID_OUT:
            sums["paid_out"] -= entry.amount
        elif entry.account is not None and entry.kind in (
            EntryKind.COMMISSION,
            EntryKind.COMMISSION_REFUND,
        ):
            sums["commission"] -= entry.amount
    return sums


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    programmes=st.lists(st.sampled_from(PROGRAMMES), min_size=3, max_size=3),
    resident_rates=st.lists(rates, min_size=3, max_size=3),
    resident_rails=st.lists(rails, min_size=3, max_size=3),
    first_order=place,
    steps=st.lists(operations, max_size=10),
    after_payout=st.lists(st.one_of(refund, refund_shipping, place), max_size=4),
    split_days=st.integers(min_value=0, max_value=40),
    length_days=st.integers(min_value=0, max_value=60),
)
def test_money_figures_equal_the_ledger_to_the_cent(
    three_residents,  # noqa: F811
    clock,  # noqa: F811
    connect,  # noqa: F811
    programmes,
    resident_rates,
    resident_rails,
    first_order,
    steps,
    after_payout,
    split_days,
    length_days,
):
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
    with (
        override_settings(MARKET_SHIPPING_COMMISSION_PERCENT=Decimal("10")),
        transaction.atomic(),
    ):
        for resident, programme in zip(three_residents, programmes, strict=True):
            resident.programme = programme
            resident.save(update_fields=["programme"])
        _scenario(
            three_residents, clock, connect, resident_rates, resident_rails, scenario
        )
        entries = list(
            LedgerEntry.objects.select_related("account", "line__partner__resident")
        )
        first_day = timezone.localdate(min(entry.created_at for entry in entries))
        last_day = timezone.localdate(max(entry.created_at for entry in entries))
        split = first_day + datetime.timedelta(days=split_days)
        periods = [
            Period(first_day, last_day),
            Period(split, split + datetime.timedelta(days=length_days)),
        ]
        for period in periods:
            for programme in ["", *PROGRAMMES]:
                totals = figures.money_totals(period=period, programme=programme)
                by_hand = _by_hand(entries, period, programme)
                centre_side = by_hand.pop("centre_commission")
                assert totals == by_hand
                if not programme:
                    # The residents' side of the commission is the Centre's.
                    assert totals["commission"] == centre_side
                table = figures.sales_table(period=period, programme=programme)
                assert table.total[2:] == [
                    totals[column.key] for column in table.columns[2:]
                ]
            # The programmes add up to the whole (every line here is a
            # resident's).
            whole = figures.money_totals(period=period)
            parts = [
                figures.money_totals(period=period, programme=programme)
                for programme in PROGRAMMES
            ]
            for key in figures.MONEY_KEYS:
                assert sum((part[key] for part in parts), ZERO) == whole[key]
        # Over the whole ledger, the figures account for every entry: what
        # buyers paid less refunds and payouts is what the ledger holds.
        everything = figures.money_totals(period=periods[0])
        assert (
            everything["gross"]
            + everything["shipping"]
            - everything["refunds"]
            - everything["paid_out"]
        ) == sum((entry.amount for entry in entries), ZERO)
        transaction.set_rollback(True)


def test_the_property_test_ran_its_examples():
    """Runs after the property test in this module (file order)."""
    if EXAMPLES:
        assert len(EXAMPLES) >= 40
