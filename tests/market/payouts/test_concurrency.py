"""Two payout runs at once pay each resident once (PostgreSQL row locks)."""

import datetime
import time
from decimal import Decimal

import pytest
from django.utils import timezone

from market.payouts import selectors, services
from market.payouts.models import EntryKind, LedgerEntry, Payout, PayoutRun
from tests.threads import run_in_threads

from .conftest import bank_profile, connect_profile, make_order

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_runs_at_once_pay_once(resident, other_resident, connect, monkeypatch):
    bank_profile(resident)
    connect_profile(other_resident)
    order = make_order((resident, "100.00", 1), (other_resident, "50.00", 1))
    services.order_shares_record(order=order)
    later = timezone.now() + datetime.timedelta(days=15)
    plans = selectors.payout_plans

    def slow_plans(**kwargs):
        # Hold the locks a while: without them both runs would read the same
        # balances here and both pay.
        result = plans(**kwargs)
        time.sleep(0.5)
        return result

    monkeypatch.setattr(selectors, "payout_plans", slow_plans)

    outcomes = run_in_threads(2, lambda: services.payout_run_create(now=later))

    assert [type(o).__name__ for o in outcomes] == ["PayoutRun", "PayoutRun"]
    assert sorted(run.payouts.count() for run in outcomes) == [0, 2]
    assert PayoutRun.objects.count() == 2
    assert sorted(Payout.objects.values_list("amount", flat=True)) == [
        Decimal("45.00"),
        Decimal("90.00"),
    ]
    assert LedgerEntry.objects.filter(kind=EntryKind.PAYOUT).count() == 2
    assert [call["amount"].amount for call in connect.sent] == [Decimal("45.00")]
    for someone in (resident, other_resident):
        assert selectors.balance(resident=someone, now=later).cleared == Decimal("0.00")
