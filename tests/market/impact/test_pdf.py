"""The impact report PDF: its text read back with pypdf.

Layout tests render hand-made tables (figures.impact_report stubbed); the
last test renders the real report over the test database."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.utils import translation
from pypdf import PdfReader

from market.impact import figures
from market.impact.pdf import report_filename, report_pdf
from market.impact.periods import Period
from market.impact.tables import Column, Table, protect, totals_row
from market.learning.models import LearnerProfile, Seat, SeatSource
from market.payouts import services
from market.residents.models import Programme
from tests.factories import ResidentFactory, UserFactory, course_product
from tests.market.payouts.conftest import make_order

D = Decimal
BAKU = datetime.timezone(datetime.timedelta(hours=4))
Q3 = Period.quarter(2027, 3)


def at(day: str, hour: int = 12) -> datetime.datetime:
    return datetime.datetime.fromisoformat(day).replace(hour=hour, tzinfo=BAKU)


def sales() -> Table:
    columns = [
        Column("month", "Month", "text"),
        Column("orders", "Orders paid", "count"),
        Column("gross", "Sales (gross)", "money"),
    ]
    rows = [["July", 3, D("1234.50")], ["August", 1, D("99.99")]]
    return Table(
        key="sales",
        title="Orders and sales",
        definition="Read from the ledger.",
        columns=columns,
        rows=rows,
        total=totals_row(columns, rows, "Total"),
        chart="gross",
    )


def learners() -> Table:
    columns = [
        Column("region", "Region", "text"),
        Column("enrolled", "Learners enrolled", "people"),
        Column("completed", "Learners who completed", "people"),
    ]
    # Ganja: 3 enrolled (hidden), 7 completed (hidden with Sheki's 2, so the
    # total cannot give Sheki away).
    rows = [["Baku", 40, 20], ["Ganja", 3, 7], ["Sheki", 12, 2], ["Shusha", 8, 9]]
    return protect(
        Table(
            key="learners_region",
            title="Learners by region",
            definition="A learner took a seat.",
            columns=columns,
            rows=rows,
            total=totals_row(columns, rows, "Total"),
            chart="enrolled",
            notes=["Kreativ Edu's figures are the same for every programme filter."],
        )
    )


def exports(countries: int = 90) -> Table:
    columns = [
        Column("country", "Destination", "text"),
        Column("parcels", "Parcels", "count"),
        Column("gross", "Sales (gross)", "money"),
    ]
    rows = [[f"Country {n}", n + 10, D(n) + D("0.25")] for n in range(countries)]
    return Table(
        key="exports",
        title="Exports by destination",
        definition="A parcel sent abroad.",
        columns=columns,
        rows=rows,
        total=totals_row(columns, rows, "Total"),
        chart="gross",
    )


def empty() -> Table:
    return Table(
        key="events",
        title="Events",
        definition="Events held in the period.",
        columns=[Column("series", "Series", "text"), Column("events", "Events")],
        rows=[],
        total=None,
        chart="events",
    )


@pytest.fixture
def report(monkeypatch):
    """figures.impact_report replaced by hand-made tables; `calls` records
    what it was asked."""

    class Report:
        tables = [sales(), learners(), empty()]
        calls: list[dict] = []

    def impact_report(**kwargs):
        Report.calls.append(kwargs)
        return Report.tables

    monkeypatch.setattr(figures, "impact_report", impact_report)
    return Report


def pages(pdf: bytes, *, layout: bool = False) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    mode = "layout" if layout else "plain"
    return [page.extract_text(extraction_mode=mode) for page in reader.pages]


def lines(pdf: bytes, start: str) -> list[str]:
    """Every line (as laid out) that starts with `start`, spaces squeezed."""
    squeezed = [
        " ".join(line.split())
        for page in pages(pdf, layout=True)
        for line in page.splitlines()
    ]
    return [line for line in squeezed if line.startswith(start)]


@pytest.mark.parametrize(
    ("language", "title", "centre", "page_one"),
    [
        (
            "az",
            "Təsir hesabatı",
            "Kreativ Sənayelər Mərkəzi, Bakı",
            "Səhifə 1 / 3",
        ),
        (
            "en",
            "Impact report",
            "Centre for the creative industries, Baku",
            "Page 1 of 3",
        ),
        (
            "ru",
            "Отчёт о результатах",
            "Центр креативных индустрий, Баку",
            "Страница 1 из 3",
        ),
    ],
)
def test_the_cover_in_each_language(report, language, title, centre, page_one):
    pdf = report_pdf(period=Q3, programme="", language=language)

    cover = pages(pdf)[0].splitlines()
    assert cover[0] == centre
    assert cover[1] == title
    assert cover[-1] == page_one
    with translation.override(language):
        assert cover[2] == Q3.label()
    metadata = PdfReader(io.BytesIO(pdf)).metadata
    assert metadata.title == f"{title}: {cover[2]}"
    assert metadata.author == "Creative Market"
    assert PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"] == language
    assert report.calls == [{"period": Q3, "programme": ""}]


def test_the_cover_names_the_programme_and_the_time_in_baku(report, monkeypatch):
    # 21:30 UTC is 01:30 the next day in Baku.
    monkeypatch.setattr(
        "django.utils.timezone.now",
        lambda: datetime.datetime(2027, 10, 3, 21, 30, tzinfo=datetime.UTC),
    )

    pdf = report_pdf(period=Q3, programme=Programme.GAMETECH, language="en")

    cover = pages(pdf)[0].splitlines()
    assert cover[3] == "Programme: Gametech"
    assert cover[4] == "Generated on 4 October 2027 at 01:30, Baku time"
    assert PdfReader(io.BytesIO(pdf)).metadata.subject == "Gametech"
    assert report.calls == [{"period": Q3, "programme": "gametech"}]


@pytest.mark.parametrize(
    ("language", "money", "total"),
    [
        ("az", "1.234,50 AZN", "1.334,49 AZN"),
        ("en", "1,234.50 AZN", "1,334.49 AZN"),
        ("ru", "1 234,50 AZN", "1 334,49 AZN"),
    ],
)
def test_each_table_with_its_money_in_the_language(report, language, money, total):
    pdf = report_pdf(period=Q3, programme="", language=language)

    text = pages(pdf)
    body = "\n".join(text[1:])
    for table in report.tables:
        assert f"\n{table.title}\n{table.definition}\n" in body
    # The chart's bar and the table's row of July, then the total.
    assert lines(pdf, "July") == [f"July {money}", f"July 3 {money}"]
    assert lines(pdf, "Total 4") == [f"Total 4 {total}"]


def test_a_hidden_count_is_fewer_than_5_and_never_the_number(report):
    pdf = report_pdf(period=Q3, programme="", language="en")

    # The chart's line, then the table's row: no bar, no number.
    assert lines(pdf, "Ganja") == [
        "Ganja fewer than 5",
        "Ganja fewer than 5 fewer than 5",
    ]
    assert lines(pdf, "Sheki") == ["Sheki 12", "Sheki 12 fewer than 5"]
    assert lines(pdf, "Total 63") == ["Total 63 38"]


def test_a_hidden_count_in_russian(report):
    pdf = report_pdf(period=Q3, programme="", language="ru")

    assert lines(pdf, "Ganja") == ["Ganja менее 5", "Ganja менее 5 менее 5"]


def test_a_long_table_runs_over_pages_under_its_heading(report):
    report.tables = [exports(90)]

    pdf = report_pdf(period=Q3, programme="", language="en")

    text = pages(pdf)
    # Cover, the chart (2 pages), the table (2 pages), definitions.
    assert len(text) == 6
    with_heading = [
        number
        for number, page in enumerate(pages(pdf, layout=True), start=1)
        if "Destination Parcels Sales (gross)" in " ".join(page.split())
    ]
    assert with_heading == [4, 5]
    assert lines(pdf, "Country 89 ") == [
        "Country 89 89.25 AZN",
        "Country 89 99 89.25 AZN",
    ]
    assert lines(pdf, "Total ") == ["Total 4,905 4,027.50 AZN"]
    assert text[-1].splitlines()[-1] == "Page 6 of 6"


def test_each_section_is_a_bookmark_to_its_page(report):
    report.tables = [sales(), exports(90), learners()]

    pdf = report_pdf(period=Q3, programme="", language="ru")

    reader = PdfReader(io.BytesIO(pdf))
    outline = [
        (entry.title, reader.get_destination_page_number(entry) + 1)
        for entry in reader.outline
    ]
    assert outline == [
        ("Orders and sales", 2),
        ("Exports by destination", 3),
        ("Learners by region", 7),
        ("Определения", 8),
    ]
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_the_definitions_page_comes_last(report):
    pdf = report_pdf(period=Q3, programme="", language="en")

    last = pages(pdf)[-1]
    squeezed = " ".join(last.split())
    assert last.splitlines()[2] == "Definitions"
    with translation.override("en"):
        for term, text in figures.definitions():
            assert f"{term} {text}" in squeezed


def test_an_empty_table_says_so(report):
    pdf = report_pdf(period=Q3, programme="", language="en")

    assert "\nEvents\nEvents held in the period.\nNothing in this period.\n" in (
        "\n".join(pages(pdf))
    )


@pytest.mark.parametrize(
    ("language", "programme", "message"),
    [
        ("de", "", "Unsupported language: 'de'"),
        ("", "", "Unsupported language: ''"),
        ("en", "cooking", "Unknown programme: 'cooking'"),
    ],
)
def test_an_unknown_language_or_programme_is_refused(
    report, language, programme, message
):
    with pytest.raises(ValueError, match=message):
        report_pdf(period=Q3, programme=programme, language=language)

    assert report.calls == []


# The real report -----------------------------------------------------------


def test_the_file_name():
    assert (
        report_filename(period=Q3, programme="", language="az")
        == "impact-20270701-20270930-all-az.pdf"
    )
    assert (
        report_filename(period=Q3, programme=Programme.MUSIC, language="ru")
        == "impact-20270701-20270930-music-ru.pdf"
    )


@pytest.mark.django_db
def test_the_real_report_over_the_database(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: at("2027-08-10"))
    music = ResidentFactory(programme=Programme.MUSIC)
    order = make_order((music, "1234.50", 2), date_placed=at("2027-08-10"))
    services.order_shares_record(order=order)
    course = course_product(resident=ResidentFactory(), capacity=100)
    for region, count in [("baku", 6), ("nakhchivan", 2)]:
        for _ in range(count):
            learner = UserFactory()
            LearnerProfile.objects.create(
                user=learner, region=region, region_consent=True
            )
            Seat.objects.create(course=course, learner=learner, source=SeatSource.FREE)

    pdf = report_pdf(period=Q3, programme="", language="en")

    body = "\n".join(pages(pdf))
    with translation.override("en"):
        titles = [str(table.title) for table in figures.impact_report(period=Q3)]
    assert titles == [
        "Residents",
        "Listings on sale",
        "Orders and sales",
        "Exports by destination",
        "Digital sales by licence tier",
        "Learners by region",
        "Learners by age",
        "Sponsored seats",
        "Events",
        "Studio hours",
    ]
    for title in titles:
        assert f"\n{title}\n" in body
    assert lines(pdf, "August 2027") == [
        "August 2027 2,469.00 AZN",
        lines(pdf, "August 2027")[1],
    ]
    assert lines(pdf, "August 2027")[1].startswith("August 2027 1 2,469.00 AZN ")
    # Two learners from Nakhchivan: hidden, in the chart and in the table.
    assert lines(pdf, "Nakhchivan") == [
        "Nakhchivan fewer than 5",
        "Nakhchivan fewer than 5 fewer than 5 fewer than 5",
    ]
    assert pages(pdf)[-1].splitlines()[2] == "Definitions"
