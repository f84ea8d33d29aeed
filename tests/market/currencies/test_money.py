"""THE rounding rule: unit prices converted half up to cents, lines are
converted unit x quantity."""

from decimal import Decimal

import pytest

from market.currencies.money import convert, convert_line

D = Decimal


@pytest.mark.parametrize(
    ("amount", "rate", "currency", "expected"),
    [
        (D("450.00"), D("0.5882"), "USD", D("264.69")),  # 264.6900
        (D("0.01"), D("0.5882"), "USD", D("0.01")),  # 0.005882
        (D("0.85"), D("0.5882"), "USD", D("0.50")),  # 0.49997
        (D("1.25"), D("0.5"), "USD", D("0.63")),  # 0.625: half up, not even
        (D("0.25"), D("0.5"), "EUR", D("0.13")),  # 0.125: half up, not even
        (D("1.23"), D("0.5"), "EUR", D("0.62")),  # 0.615
        (D("0.00"), D("0.5882"), "USD", D("0.00")),
        (D("15.00"), D("0.5882"), "USD", D("8.82")),  # 8.823
        (D("100"), D("0.54"), "EUR", D("54.00")),
        (D("12.34"), D("1"), "AZN", D("12.34")),  # identity
        (D("12.345"), D("1"), "AZN", D("12.35")),
    ],
)
def test_convert_rounding_table(amount, rate, currency, expected):
    result = convert(amount, rate=rate, currency=currency)

    assert result == expected
    assert result.as_tuple().exponent == -2


def test_convert_line_is_converted_unit_times_quantity():
    line = convert_line(
        unit_price=D("15.00"), quantity=3, rate=D("0.5882"), currency="USD"
    )

    # 3 x 8.82, not round(45.00 x 0.5882) = 26.47.
    assert line == D("26.46")
    assert convert(D("45.00"), rate=D("0.5882"), currency="USD") == D("26.47")


def test_an_order_is_the_sum_of_its_converted_lines():
    lines = [(D("15.00"), 3), (D("0.85"), 2), (D("450.00"), 1)]

    total = sum(
        convert_line(unit_price=u, quantity=q, rate=D("0.5882"), currency="USD")
        for u, q in lines
    )

    assert total == D("26.46") + D("1.00") + D("264.69")


def test_convert_line_in_azn_is_unit_times_quantity():
    assert convert_line(
        unit_price=D("19.99"), quantity=7, rate=D("1"), currency="AZN"
    ) == D("139.93")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"amount": 1.25, "rate": D("0.5"), "currency": "USD"},
        {"amount": D("1.25"), "rate": 0.5, "currency": "USD"},
    ],
)
def test_convert_refuses_floats(kwargs):
    amount = kwargs.pop("amount")
    with pytest.raises(TypeError):
        convert(amount, **kwargs)


def test_convert_line_refuses_floats_and_odd_quantities():
    with pytest.raises(TypeError):
        convert_line(unit_price=1.0, quantity=1, rate=D("0.5"), currency="USD")
    with pytest.raises(TypeError):
        convert_line(unit_price=D("1"), quantity=1.0, rate=D("0.5"), currency="USD")
    with pytest.raises(ValueError, match="negative"):
        convert_line(unit_price=D("1"), quantity=-1, rate=D("0.5"), currency="USD")


def test_convert_refuses_nonsense_rates_and_currencies():
    with pytest.raises(ValueError, match="positive"):
        convert(D("1"), rate=D("0"), currency="USD")
    with pytest.raises(ValueError, match="AZN to AZN"):
        convert(D("1"), rate=D("0.5882"), currency="AZN")
    with pytest.raises(ValueError, match="Unsupported"):
        convert(D("1"), rate=D("1"), currency="GBP")
