"""Property: converting a basket into the buyer's currency and refunding it in
any number of pieces creates and loses no cent, in either currency."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from market.currencies.money import convert_line
from market.payments.money import Money, to_minor_units

prices = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999.99"), places=2)
rates = st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("10"), places=8)
lines = st.lists(
    st.tuples(prices, st.integers(min_value=1, max_value=20)), min_size=1, max_size=6
)


@settings(max_examples=500, deadline=None)
@given(
    lines=lines, rate=rates, currency=st.sampled_from(["USD", "EUR"]), data=st.data()
)
def test_refunds_in_any_pieces_give_back_exactly_the_charge(
    lines, rate, currency, data
):
    charge = sum(
        (
            convert_line(unit_price=p, quantity=q, rate=rate, currency=currency)
            for p, q in lines
        ),
        Decimal("0.00"),
    )
    total_azn = sum((p * q for p, q in lines), Decimal("0.00"))
    refunded, refunded_azn = Decimal("0.00"), Decimal("0.00")
    for price, quantity in lines:
        left = quantity
        while left:
            units = data.draw(st.integers(min_value=1, max_value=left))
            refunded += convert_line(
                unit_price=price, quantity=units, rate=rate, currency=currency
            )
            refunded_azn += price * units
            left -= units

    assert refunded == charge
    assert refunded_azn == total_azn
    # Every amount is whole cents: Stripe's integer never rounds silently.
    assert to_minor_units(Money(charge, currency)) == int(charge * 100)
