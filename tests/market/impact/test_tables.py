"""The small-cell rule: counts of people under 5 never show, and no total
gives one away."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from market.impact.tables import (
    SMALL_CELL,
    SUPPRESSED,
    Column,
    Table,
    figure,
    protect,
    totals_row,
)

COLUMNS = [
    Column("region", "Region", "text"),
    Column("learners", "Learners", "people"),
    Column("money", "Money", "money"),
    Column("orders", "Orders", "count"),
]


def _table(values, money=None, orders=None):
    rows = [
        [
            f"R{index}",
            value,
            (money or {}).get(index, Decimal("1.00")),
            (orders or {}).get(index, 1),
        ]
        for index, value in enumerate(values)
    ]
    return Table(
        key="t",
        title="T",
        definition="D",
        columns=COLUMNS,
        rows=rows,
        total=totals_row(COLUMNS, rows, "Total"),
    )


def test_cells_under_five_are_hidden_and_a_second_cell_with_them():
    table = protect(_table([12, 3, 7, 20]))

    # 3 is hidden; alone it could be read from the total (42), so the
    # smallest shown cell (7) is hidden too; the total stays.
    assert [row[1] for row in table.rows] == [12, SUPPRESSED, SUPPRESSED, 20]
    assert table.total[1] == 42


def test_hidden_cells_adding_up_to_less_than_five_pull_in_another():
    table = protect(_table([1, 2, 9, 30]))

    # 1 + 2 = 3 could be read from the total: 9 is hidden as well.
    assert [row[1] for row in table.rows] == [SUPPRESSED, SUPPRESSED, SUPPRESSED, 30]
    assert table.total[1] == 42


def test_zero_is_under_five():
    table = protect(_table([0, 10, 11]))

    assert [row[1] for row in table.rows] == [SUPPRESSED, SUPPRESSED, 11]
    assert table.total[1] == 21


def test_a_single_small_row_hides_the_total_too():
    table = protect(_table([4]))

    assert table.rows[0][1] is SUPPRESSED
    assert table.total[1] is SUPPRESSED


def test_a_small_total_is_hidden():
    table = protect(_table([2, 2]))

    assert [row[1] for row in table.rows] == [SUPPRESSED, SUPPRESSED]
    assert table.total[1] is SUPPRESSED


def test_large_cells_money_and_other_counts_are_untouched():
    table = protect(_table([5, 6], money={0: Decimal("2.50")}, orders={1: 2}))

    assert table.rows == [
        ["R0", 5, Decimal("2.50"), 1],
        ["R1", 6, Decimal("1.00"), 2],
    ]
    assert table.total == ["Total", 11, Decimal("3.50"), 3]


def test_suppressed_reads_fewer_than_five_and_is_falsy():
    assert str(SUPPRESSED) == "5-dən az"
    assert not SUPPRESSED
    assert figure(4) is SUPPRESSED
    assert figure(5) == 5


@given(st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=12))
def test_no_hidden_cell_can_be_worked_out_from_the_total(values):
    table = protect(_table(values))
    shown = [row[1] for row in table.rows]

    # Nothing under 5 shows.
    assert all(cell is SUPPRESSED or cell >= SMALL_CELL for cell in shown)
    hidden = [value for value, cell in zip(values, shown, strict=True) if not cell]
    if table.total[1] is not SUPPRESSED:
        assert table.total[1] == sum(values)
        # What the total leaves for the hidden cells is never one cell's
        # worth nor a small number.
        assert hidden == [] or (len(hidden) >= 2 and sum(hidden) >= SMALL_CELL)
