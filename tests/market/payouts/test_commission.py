"""Commission: which rate applies, and how a line's commission is rounded."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from market.payouts import selectors
from market.payouts.models import CommissionRate
from market.payouts.rules import commission_amount, commission_refund_amount
from market.residents.models import Programme

D = Decimal


@pytest.mark.parametrize(
    ("gross", "percent", "minimum", "expected"),
    [
        (D("100.00"), D("10"), None, D("10.00")),
        (D("0.05"), D("10"), None, D("0.01")),  # 0.005 rounds half up
        (D("0.04"), D("10"), None, D("0.00")),  # 0.004 rounds down
        (D("19.99"), D("12.50"), None, D("2.50")),  # 2.49875
        (D("33.33"), D("7.75"), None, D("2.58")),  # 2.583075
        (D("10.00"), D("10"), D("1.50"), D("1.50")),  # minimum wins
        (D("30.00"), D("10"), D("1.50"), D("3.00")),  # percent wins
        (D("1.00"), D("10"), D("2.00"), D("1.00")),  # capped at the gross
        (D("0.00"), D("10"), D("2.00"), D("0.00")),  # a free line
        (D("999.99"), D("100"), None, D("999.99")),
        (D("250.00"), D("0"), None, D("0.00")),
    ],
)
def test_commission_amount(gross, percent, minimum, expected):
    assert commission_amount(gross=gross, percent=percent, minimum=minimum) == expected


def test_commission_refunds_are_prorated_cumulatively_and_the_last_is_exact():
    gross, commission = D("100.00"), D("33.33")
    refunds = [D("0.01")] * 3 + [D("33.33"), D("33.33"), D("33.31")]
    returned, refunded = [], D("0.00")
    for refund in refunds:
        returned.append(
            commission_refund_amount(
                gross=gross,
                commission=commission,
                refunded_before=refunded,
                refund=refund,
            )
        )
        refunded += refund
    # round(33.33 * R / 100) at R = 0.01, 0.02, 0.03, 33.36, 66.69 then all.
    assert returned == [
        D("0.00"),
        D("0.01"),
        D("0.00"),
        D("11.11"),
        D("11.11"),
        D("11.10"),
    ]
    assert sum(returned) == commission


def test_a_commission_refund_never_exceeds_its_refund():
    # 49 % of 1.00: each 0.01 refund returns 0.00 or 0.01, never more.
    gross, commission, refunded = D("1.00"), D("0.49"), D("0.00")
    total = D("0.00")
    for _ in range(100):
        part = commission_refund_amount(
            gross=gross,
            commission=commission,
            refunded_before=refunded,
            refund=D("0.01"),
        )
        assert D("0.00") <= part <= D("0.01")
        refunded += D("0.01")
        total += part
        # What the Centre still keeps never exceeds what the buyer still paid.
        assert commission - total <= gross - refunded
    assert total == commission


@pytest.mark.django_db
def test_resolution_resident_then_programme_then_default_then_setting(
    resident, settings
):
    settings.MARKET_COMMISSION_DEFAULT_PERCENT = D("10")
    assert selectors.commission_rate_for(resident=resident) == (D("10"), None)

    CommissionRate.objects.create(percent=D("9.00"))
    assert selectors.commission_rate_for(resident=resident) == (D("9.00"), None)

    CommissionRate.objects.create(programme=Programme.MUSIC, percent=D("5.00"))
    assert selectors.commission_rate_for(resident=resident) == (D("9.00"), None)

    CommissionRate.objects.create(
        programme=Programme.CULTECH, percent=D("7.50"), minimum=D("0.50")
    )
    assert selectors.commission_rate_for(resident=resident) == (D("7.50"), D("0.50"))

    CommissionRate.objects.create(resident=resident, percent=D("3.25"))
    assert selectors.commission_rate_for(resident=resident) == (D("3.25"), None)


@pytest.mark.django_db
def test_a_rate_has_one_scope_and_one_row_per_scope(resident):
    CommissionRate.objects.create(percent=D("9.00"))
    CommissionRate.objects.create(programme=Programme.MUSIC, percent=D("5.00"))
    CommissionRate.objects.create(resident=resident, percent=D("4.00"))

    attempts = [
        {"resident": resident, "programme": Programme.MUSIC, "percent": D("1")},
        {"percent": D("8.00")},
        {"programme": Programme.MUSIC, "percent": D("6.00")},
        {"resident": resident, "percent": D("2.00")},
        {"programme": Programme.GAMETECH, "percent": D("100.01")},
    ]
    for fields in attempts:
        with pytest.raises(IntegrityError), transaction.atomic():
            CommissionRate.objects.create(**fields)
        with pytest.raises(ValidationError):
            CommissionRate(**fields).full_clean()

    assert CommissionRate.objects.count() == 3
