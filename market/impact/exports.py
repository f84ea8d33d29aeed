"""The impact tables as CSV and as an Excel workbook.

The same cells as the dashboard: money as plain numbers (AZN, two places),
counts hidden by the small-cell rule as the words "fewer than 5". Text that
came from data and that a spreadsheet would run as a formula (= + - @, a
tab or a carriage return first) is written so it stays text.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.styles import Alignment, Font

from market.residents.models import Programme

from .figures import definitions
from .periods import Period
from .tables import SUPPRESSED, Cell, Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MONEY_FORMAT = "#,##0.00"
SHEET_NAME_LENGTH = 31
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _is_number(cell: Cell) -> bool:
    return isinstance(cell, int | Decimal) and not isinstance(cell, bool)


def guarded(text: str) -> str:
    """`text` with a leading apostrophe when a spreadsheet would read it as
    a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_cell(cell: Cell) -> str:
    """One cell as CSV text: money "1234.50", counts "12"."""
    if cell is SUPPRESSED:
        return str(SUPPRESSED)
    if isinstance(cell, Decimal):
        return f"{cell.quantize(Decimal('0.01')):f}"
    if _is_number(cell):
        return str(cell)
    return guarded(str(cell))


def _table_lines(table: Table) -> list[list[str]]:
    lines = [[guarded(str(column.label)) for column in table.columns]]
    lines += [[csv_cell(cell) for cell in row] for row in table.rows]
    if table.total is not None:
        lines.append([csv_cell(cell) for cell in table.total])
    return lines


def _csv(lines: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(lines)
    return buffer.getvalue()


def table_csv(table: Table) -> str:
    """One table: a header row, its rows, its total."""
    return _csv(_table_lines(table))


def report_csv(tables: list[Table]) -> str:
    """Every table, each under a line with its title, a blank line between."""
    lines: list[list[str]] = []
    for number, table in enumerate(tables):
        if number:
            lines.append([])
        lines.append([guarded(str(table.title))])
        lines += _table_lines(table)
    return _csv(lines)


def sheet_name(title: str, taken: set[str]) -> str:
    """An Excel sheet name for `title`: at most 31 characters, none of
    []:*?/\\, not already taken (compared as Excel does, ignoring case)."""
    base = SHEET_NAME_FORBIDDEN.sub(" ", title).strip().strip("'")
    base = re.sub(r"\s+", " ", base) or _("Table")
    name = base[:SHEET_NAME_LENGTH].rstrip()
    number = 2
    while name.casefold() in taken:
        suffix = f" ({number})"
        name = base[: SHEET_NAME_LENGTH - len(suffix)].rstrip() + suffix
        number += 1
    taken.add(name.casefold())
    return name


def _write(sheet, row: int, column: int, cell: Cell, kind: str) -> SheetCell:
    target = sheet.cell(row=row, column=column)
    if cell is SUPPRESSED:
        target.value = str(SUPPRESSED)
    elif _is_number(cell):
        target.value = cell
        if kind == "money":
            target.number_format = MONEY_FORMAT
    else:
        text = str(cell)
        target.value = text
        # openpyxl writes a string that starts with "=" as a formula; a
        # string cell marked "quote prefix" stays text in Excel and
        # LibreOffice, shown without the apostrophe.
        target.data_type = "s"
        if text.startswith(FORMULA_STARTS):
            target.quotePrefix = True
    return target


def _write_table(sheet, table: Table) -> None:
    bold = Font(bold=True)
    for number, column in enumerate(table.columns, start=1):
        _write(sheet, 1, number, column.label, "text").font = bold
        letter = sheet.cell(row=1, column=number).column_letter
        sheet.column_dimensions[letter].width = max(
            12, min(40, len(str(column.label)) + 2)
        )
    for row_number, row in enumerate(table.rows, start=2):
        for number, (column, cell) in enumerate(
            zip(table.columns, row, strict=True), start=1
        ):
            _write(sheet, row_number, number, cell, column.kind)
    if table.total is not None:
        row_number = len(table.rows) + 2
        for number, (column, cell) in enumerate(
            zip(table.columns, table.total, strict=True), start=1
        ):
            _write(sheet, row_number, number, cell, column.kind).font = bold
    sheet.freeze_panes = "A2"


def report_xlsx(tables: list[Table], period: Period, *, programme: str = "") -> bytes:
    """A workbook: first the period, the programme and the definitions, then
    one sheet per table (header row bold, money formatted '#,##0.00').
    `programme` is "" (all) or a Programme value."""
    workbook = Workbook()
    about = workbook.active
    taken: set[str] = set()
    about.title = sheet_name(_("About this report"), taken)
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    about.column_dimensions["A"].width = 28
    about.column_dimensions["B"].width = 90
    about.append([_("Impact report")])
    about["A1"].font = Font(bold=True, size=14)
    about.append([_("Period"), period.label()])
    about.append([_("First day"), period.first])
    about.append([_("Last day"), period.last])
    about["B3"].number_format = about["B4"].number_format = "yyyy-mm-dd"
    about.append(
        [
            _("Programme"),
            str(Programme(programme).label) if programme else _("All programmes"),
        ]
    )
    about.append([])
    about.append([_("Definitions")])
    about.cell(row=about.max_row, column=1).font = bold
    for label, text in definitions():
        about.append([str(label), str(text)])
    about.append([])
    about.append([_("Tables")])
    about.cell(row=about.max_row, column=1).font = bold
    for table in tables:
        about.append([str(table.title), str(table.definition)])
    for row in about.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap
    for table in tables:
        sheet = workbook.create_sheet(sheet_name(str(table.title), taken))
        _write_table(sheet, table)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
