"""A figure table: what the dashboard, the charts, the CSV, Excel and PDF
exports all render, so each shows the same cells.

Counts of people follow the small-cell rule (`protect`): any count under
`SMALL_CELL` is shown as "fewer than 5", and enough other cells are hidden
with it that the total cannot give it away.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Literal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

SMALL_CELL = 5


class _Suppressed:
    """A count of people hidden by the small-cell rule."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __str__(self) -> str:
        return str(_("fewer than 5"))

    def __repr__(self) -> str:
        return "SUPPRESSED"

    def __bool__(self) -> bool:
        return False


SUPPRESSED = _Suppressed()

Cell = str | int | Decimal | _Suppressed | Promise
Kind = Literal["text", "count", "money", "people"]


@dataclass(frozen=True)
class Column:
    """`kind`: text (a label), count (things: orders, listings), money
    (Decimal, in the table's currency) or people (a count of people: the
    small-cell rule applies)."""

    key: str
    label: str | Promise
    kind: Kind = "count"


@dataclass(frozen=True)
class Table:
    """One table of figures. `rows` hold cells in `columns` order; `total`
    (optional) is the sum of each number column. `chart` names the column
    drawn as bars, one per row (None: no chart)."""

    key: str
    title: str | Promise
    definition: str | Promise
    columns: list[Column]
    rows: list[list[Cell]]
    total: list[Cell] | None = None
    chart: str | None = None
    currency: str = "AZN"
    notes: list[str | Promise] = field(default_factory=list)

    def column_index(self, key: str) -> int:
        return [column.key for column in self.columns].index(key)

    def column(self, key: str) -> list[Cell]:
        index = self.column_index(key)
        return [row[index] for row in self.rows]

    @property
    def has_people(self) -> bool:
        return any(column.kind == "people" for column in self.columns)


def _sum(values) -> int | Decimal:
    return sum(values, start=0)


def totals_row(
    columns: list[Column], rows: list[list[Cell]], label: str | Promise
) -> list[Cell]:
    """The total of each number column (label in the first text column)."""
    total: list[Cell] = []
    for index, column in enumerate(columns):
        if column.kind == "text":
            total.append(label if index == 0 else "")
        else:
            total.append(_sum(row[index] for row in rows))
    return total


def protect(table: Table) -> Table:
    """The table with the small-cell rule applied to its people columns.

    1. Every count under SMALL_CELL (0 included) is hidden.
    2. In a column with a total, hidden cells must not be recoverable from
       the total: while fewer than two cells are hidden, or the hidden
       cells add up to less than SMALL_CELL, the smallest shown cell is
       hidden too; when no cell is left to hide, the total is hidden.
    3. A total under SMALL_CELL is hidden.
    """
    if not table.has_people:
        return table
    rows = [list(row) for row in table.rows]
    total = list(table.total) if table.total is not None else None
    for index, column in enumerate(table.columns):
        if column.kind != "people":
            continue
        values = [row[index] for row in rows]
        hidden = {i for i, value in enumerate(values) if value < SMALL_CELL}
        if total is not None and hidden:
            while len(hidden) < 2 or sum(values[i] for i in hidden) < SMALL_CELL:
                shown = [i for i in range(len(values)) if i not in hidden]
                if not shown:
                    total[index] = SUPPRESSED
                    break
                hidden.add(min(shown, key=lambda i: (values[i], i)))
        for i in hidden:
            rows[i][index] = SUPPRESSED
        if (
            total is not None
            and total[index] is not SUPPRESSED
            and total[index] < SMALL_CELL
        ):
            total[index] = SUPPRESSED
    return replace(table, rows=rows, total=total)


def figure(value: int) -> int | _Suppressed:
    """One headline count of people, on its own (the public page)."""
    return SUPPRESSED if value < SMALL_CELL else value
