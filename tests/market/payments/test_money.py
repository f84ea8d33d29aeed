"""Money crosses into Stripe's integer minor units in one place."""

from decimal import Decimal

import pytest

from market.payments.money import Money, from_minor_units, quantize, to_minor_units


@pytest.mark.parametrize(
    ("amount", "currency", "minor"),
    [
        ("0.01", "USD", 1),
        ("12.30", "EUR", 1230),
        ("264.69", "USD", 26469),
        ("450", "AZN", 45000),
        ("0", "AZN", 0),
    ],
)
def test_to_and_from_minor_units(amount, currency, minor):
    money = Money(Decimal(amount), currency)

    assert to_minor_units(money) == minor
    assert from_minor_units(minor, currency) == Money(
        quantize(Decimal(amount), currency), currency
    )


def test_fractions_of_a_cent_are_refused_not_rounded():
    with pytest.raises(ValueError, match="fractions of a cent"):
        to_minor_units(Money(Decimal("14.705"), "USD"))


def test_money_refuses_floats_and_unknown_currencies():
    with pytest.raises(TypeError):
        Money(14.71, "USD")
    with pytest.raises(ValueError, match="Unsupported currency"):
        Money(Decimal("1.00"), "GBP")


@pytest.mark.parametrize(
    ("amount", "expected"),
    [("14.705", "14.71"), ("14.704", "14.70"), ("0.005", "0.01"), ("2.675", "2.68")],
)
def test_quantize_rounds_half_up(amount, expected):
    assert quantize(Decimal(amount), "USD") == Decimal(expected)
