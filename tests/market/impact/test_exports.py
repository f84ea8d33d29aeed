"""The impact tables as CSV and Excel: plain numbers, the small-cell rule,
and no formula from the data ever runs in a spreadsheet."""

import datetime
import io
from decimal import Decimal

import openpyxl
from django.utils import translation

from market.impact.exports import report_csv, report_xlsx, sheet_name, table_csv
from market.impact.periods import Period
from market.impact.tables import SUPPRESSED, Column, Table

# Excel keeps dates as naive date-times.
EXCEL_DATE = datetime.datetime


def _exports_table():
    return Table(
        key="exports",
        title="Exports by destination",
        definition="Parcels sent abroad.",
        columns=[
            Column("country", "Destination", "text"),
            Column("parcels", "Parcels", "count"),
            Column("gross", "Sales (gross)", "money"),
        ],
        rows=[
            ["Germany", 12, Decimal("1234.50")],
            ['=HYPERLINK("http://evil")', 1, Decimal("-20.00")],
            ['Türkiye, "Istanbul"', 3, Decimal("0.00")],
        ],
        total=["Total", 16, Decimal("1214.50")],
        chart="gross",
    )


def _learners_table():
    return Table(
        key="learners_region",
        title="Learners by region",
        definition="Learners enrolled.",
        columns=[
            Column("region", "Region", "text"),
            Column("enrolled", "Learners enrolled", "people"),
        ],
        rows=[["Baku", 30], ["+Ganja", SUPPRESSED], ["@Shaki", SUPPRESSED]],
        total=["Total", 37],
        chart="enrolled",
    )


def test_a_table_as_csv_has_plain_money_and_guards_formulas():
    with translation.override("en"):
        text = table_csv(_exports_table())

    assert text == (
        "Destination,Parcels,Sales (gross)\r\n"
        "Germany,12,1234.50\r\n"
        '"\'=HYPERLINK(""http://evil"")",1,-20.00\r\n'
        '"Türkiye, ""Istanbul""",3,0.00\r\n'
        "Total,16,1214.50\r\n"
    )


def test_suppressed_cells_read_fewer_than_five_in_the_active_language():
    with translation.override("en"):
        english = table_csv(_learners_table())
    with translation.override("ru"):
        russian = table_csv(_learners_table())
        russian_words = str(SUPPRESSED)

    assert english == (
        "Region,Learners enrolled\r\n"
        "Baku,30\r\n"
        "'+Ganja,fewer than 5\r\n"
        "'@Shaki,fewer than 5\r\n"
        "Total,37\r\n"
    )
    assert russian.splitlines()[2] == f"'+Ganja,{russian_words}"


def test_the_report_csv_puts_each_table_under_its_title():
    with translation.override("en"):
        text = report_csv([_exports_table(), _learners_table()])

    assert text == (
        "Exports by destination\r\n"
        "Destination,Parcels,Sales (gross)\r\n"
        "Germany,12,1234.50\r\n"
        '"\'=HYPERLINK(""http://evil"")",1,-20.00\r\n'
        '"Türkiye, ""Istanbul""",3,0.00\r\n'
        "Total,16,1214.50\r\n"
        "\r\n"
        "Learners by region\r\n"
        "Region,Learners enrolled\r\n"
        "Baku,30\r\n"
        "'+Ganja,fewer than 5\r\n"
        "'@Shaki,fewer than 5\r\n"
        "Total,37\r\n"
    )


def _workbook(programme=""):
    period = Period(datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))
    with translation.override("en"):
        content = report_xlsx(
            [_exports_table(), _learners_table()], period, programme=programme
        )
    return openpyxl.load_workbook(io.BytesIO(content))


def _values(sheet):
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_the_workbook_has_a_first_sheet_with_the_period_then_one_per_table():
    workbook = _workbook()

    assert workbook.sheetnames == [
        "About this report",
        "Exports by destination",
        "Learners by region",
    ]
    about = workbook["About this report"]
    assert _values(about)[:5] == [
        ["Impact report", None],
        ["Period", "1 July 2026 to 30 September 2026"],
        ["First day", EXCEL_DATE(2026, 7, 1)],
        ["Last day", EXCEL_DATE(2026, 9, 30)],
        ["Programme", "All programmes"],
    ]
    assert about["B3"].number_format == "yyyy-mm-dd"
    labels = [row[0] for row in _values(about)]
    assert "Definitions" in labels
    assert "Small numbers" in labels
    assert ["Exports by destination", "Parcels sent abroad."] in _values(about)


def test_the_first_sheet_names_the_programme():
    about = _workbook(programme="gametech")["About this report"]

    assert _values(about)[4] == ["Programme", "Gametech"]


def test_a_table_sheet_keeps_numbers_as_numbers_and_money_formatted():
    sheet = _workbook()["Exports by destination"]

    assert _values(sheet) == [
        ["Destination", "Parcels", "Sales (gross)"],
        ["Germany", 12, Decimal("1234.5")],
        ['=HYPERLINK("http://evil")', 1, -20],
        ['Türkiye, "Istanbul"', 3, 0],
        ["Total", 16, Decimal("1214.5")],
    ]
    assert [cell.font.b for cell in sheet[1]] == [True, True, True]
    assert [sheet.cell(row=row, column=3).number_format for row in range(2, 6)] == [
        "#,##0.00"
    ] * 4
    assert sheet["B2"].number_format == "General"
    assert sheet["C3"].data_type == "n"


def test_a_formula_from_the_data_stays_text_in_the_workbook():
    workbook = _workbook()
    exports = workbook["Exports by destination"]
    learners = workbook["Learners by region"]

    # Stored as a string (not a formula), marked as quoted text.
    assert exports["A3"].data_type == "s"
    assert exports["A3"].quotePrefix is True
    assert learners["A3"].value == "+Ganja"
    assert learners["A3"].data_type == "s"
    assert learners["A3"].quotePrefix is True
    assert exports["A2"].quotePrefix is False


def test_suppressed_cells_are_the_words_in_the_workbook():
    sheet = _workbook()["Learners by region"]

    assert _values(sheet) == [
        ["Region", "Learners enrolled"],
        ["Baku", 30],
        ["+Ganja", "fewer than 5"],
        ["@Shaki", "fewer than 5"],
        ["Total", 37],
    ]


def test_sheet_names_are_short_unique_and_without_forbidden_characters():
    taken = set()

    names = [
        sheet_name("Sales [gross]: AZN/EUR*?\\", taken),
        sheet_name("A title that is much longer than thirty-one characters", taken),
        sheet_name("A title that is much longer than thirty-one characters", taken),
        sheet_name("sales gross AZN EUR", taken),
    ]

    assert names == [
        "Sales gross AZN EUR",
        "A title that is much longer tha",
        "A title that is much longer (2)",
        "sales gross AZN EUR (2)",
    ]
    assert all(len(name) <= 31 for name in names)
