"""The impact report as a PDF, for the Ministry and partners, in Azerbaijani,
English or Russian: a cover, then each table of `figures.impact_report` with
its definition, a bar chart and the table itself, then the definitions page.

It renders the same `Table`s as the dashboard, CSV and Excel exports, after
the small-cell rule: a hidden count is written "fewer than 5" and gets no
bar. DejaVu Sans (market/learning/fonts) is embedded so that ə, ğ, ş and
Cyrillic letters render and can be copied.

Which language and programme a user may ask for is the view's decision; this
module refuses a language the site does not speak (ValueError)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from babel.numbers import format_decimal
from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib.colors import HexColor, white
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import registerFontFamily, stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as GridTable

from market.residents.models import Programme

from . import figures
from .periods import Period
from .tables import SUPPRESSED, Column, Table

# The fonts the course certificates embed.
FONTS = Path(__file__).resolve().parent.parent / "learning" / "fonts"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
AUTHOR = "Creative Market"

INK = HexColor("#1f2937")
MUTED = HexColor("#6b7280")
ACCENT = HexColor("#b45309")
RULE = HexColor("#d1d5db")
STRIPE = HexColor("#f5f5f4")

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 16 * mm
FRAME_PADDING = 6  # platypus' default, inside the margins
WIDTH = PAGE_WIDTH - 2 * MARGIN - 2 * FRAME_PADDING
LEFT_EDGE = MARGIN + FRAME_PADDING
RIGHT_EDGE = PAGE_WIDTH - LEFT_EDGE

SIZE = 8  # table and chart text
PADDING = 4
CHART_ROW = 14
CHART_BAR = 9
# A chart taller than this is drawn in several parts, so that each fits a page.
CHART_ROWS_PER_PART = 40

TEXT = ParagraphStyle("text", fontName=REGULAR, fontSize=9, leading=12, textColor=INK)
SMALL = ParagraphStyle("small", parent=TEXT, fontSize=8, leading=10.5, textColor=MUTED)
CELL = ParagraphStyle("cell", parent=TEXT, fontSize=SIZE, leading=10)
CELL_BOLD = ParagraphStyle("cell_bold", parent=CELL, fontName=BOLD)
HEADER = ParagraphStyle("header", parent=CELL_BOLD)
HEADER_RIGHT = ParagraphStyle("header_right", parent=HEADER, alignment=TA_RIGHT)
CAPTION = ParagraphStyle("caption", parent=SMALL, fontName=BOLD, spaceBefore=4)
HEADING = ParagraphStyle(
    "heading",
    parent=TEXT,
    fontName=BOLD,
    fontSize=14,
    leading=18,
    spaceBefore=6,
    spaceAfter=3,
)
TERM = ParagraphStyle("term", parent=TEXT, fontName=BOLD, spaceBefore=8)
COVER_CENTRE = ParagraphStyle(
    "cover_centre", parent=TEXT, fontSize=13, leading=17, textColor=ACCENT
)
COVER_TITLE = ParagraphStyle(
    "cover_title", parent=TEXT, fontName=BOLD, fontSize=30, leading=36
)
COVER_PERIOD = ParagraphStyle("cover_period", parent=TEXT, fontSize=16, leading=21)
COVER_LINE = ParagraphStyle("cover_line", parent=TEXT, fontSize=11, leading=15)


def _register_fonts() -> None:
    # reportlab keeps registered fonts process-wide: register once.
    registered = pdfmetrics.getRegisteredFontNames()
    for name in (REGULAR, BOLD):
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(FONTS / f"{name}.ttf")))
    # <b> in a paragraph picks the bold face; there is no italic face.
    registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )


def _paragraph(text, style: ParagraphStyle = TEXT) -> Paragraph:
    return Paragraph(escape(str(text)), style)


# Numbers -------------------------------------------------------------------


def _money(amount: Decimal, currency: str, locale: str) -> str:
    """2 decimals, the language's separators, then the currency code:
    "1 234,50 AZN" in Russian, "1.234,50 AZN" in Azerbaijani."""
    number = format_decimal(amount, format="#,##0.00", locale=locale)
    return f"{number}\u00a0{currency}"


def _cell_text(cell, column: Column, currency: str, locale: str) -> str:
    if cell is SUPPRESSED:
        return str(SUPPRESSED)
    if column.kind == "money" and isinstance(cell, Decimal | int):
        return _money(Decimal(cell), currency, locale)
    if isinstance(cell, Decimal | int) and not isinstance(cell, bool):
        return format_decimal(cell, locale=locale)
    return str(cell)


def _is_number(column: Column) -> bool:
    return column.kind != "text"


# Charts --------------------------------------------------------------------


def _row_label(table: Table, row: list) -> str:
    # The first column names the row; a second text column (the region of a
    # sponsor, the place of an event series) is needed to tell rows apart.
    return " · ".join(
        str(cell)
        for cell, column in zip(row, table.columns, strict=True)
        if column.kind == "text" and str(cell)
    )


def _fit(text: str, width: float, font: str = REGULAR) -> str:
    if stringWidth(text, font, SIZE) <= width:
        return text
    while text and stringWidth(text + "…", font, SIZE) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _chart(table: Table, locale: str) -> list[Flowable]:
    """Horizontal bars of the table's `chart` column, one per row, labelled
    with the row's name and value; a hidden count has no bar, only "fewer
    than 5"."""
    if not table.chart or not table.rows:
        return []
    index = table.column_index(table.chart)
    column = table.columns[index]
    items = [
        (
            _row_label(table, row),
            row[index],
            _cell_text(row[index], column, table.currency, locale),
        )
        for row in table.rows
    ]
    shown = [value for _label, value, _text in items if value is not SUPPRESSED]
    top = max((value for value in shown if value > 0), default=0)
    label_width = min(
        max(stringWidth(label, REGULAR, SIZE) for label, _v, _t in items) + 8,
        WIDTH * 0.38,
    )
    value_width = max(stringWidth(text, REGULAR, SIZE) for _l, _v, text in items) + 8
    bar_left = label_width
    bar_room = max(WIDTH - label_width - value_width, 20)
    flowables: list[Flowable] = [_paragraph(column.label, CAPTION)]
    for part in _chunks(items, CHART_ROWS_PER_PART):
        height = CHART_ROW * len(part) + 4
        drawing = Drawing(WIDTH, height)
        drawing.add(
            Line(bar_left, 0, bar_left, height, strokeColor=RULE, strokeWidth=0.6)
        )
        for position, (label, value, text) in enumerate(part):
            y = height - CHART_ROW * (position + 1)
            baseline = y + (CHART_ROW - SIZE) / 2 + 1
            drawing.add(
                String(
                    bar_left - 4,
                    baseline,
                    _fit(label, label_width - 8),
                    fontName=REGULAR,
                    fontSize=SIZE,
                    fillColor=INK,
                    textAnchor="end",
                )
            )
            if value is SUPPRESSED:
                drawing.add(
                    String(
                        bar_left + 4,
                        baseline,
                        text,
                        fontName=REGULAR,
                        fontSize=SIZE,
                        fillColor=MUTED,
                    )
                )
                continue
            length = bar_room * float(value) / float(top) if top and value > 0 else 0.0
            if length:
                drawing.add(
                    Rect(
                        bar_left,
                        y + (CHART_ROW - CHART_BAR) / 2,
                        length,
                        CHART_BAR,
                        fillColor=ACCENT,
                        strokeColor=None,
                    )
                )
            drawing.add(
                String(
                    bar_left + length + 4,
                    baseline,
                    text,
                    fontName=REGULAR,
                    fontSize=SIZE,
                    fillColor=INK,
                )
            )
        flowables.append(drawing)
    return flowables


# Tables --------------------------------------------------------------------


def _widths(table: Table, header: list[str], body: list[list[str]]) -> list[float]:
    """Number columns as wide as their widest value (and the longest word of
    their heading); text columns wrap in what is left."""
    natural: list[float] = []
    least: list[float] = []
    for index, column in enumerate(table.columns):
        words = header[index].split() or [""]
        heading = max(stringWidth(word, BOLD, SIZE) for word in words)
        values = max((stringWidth(row[index], BOLD, SIZE) for row in body), default=0.0)
        natural.append(max(heading, values) + 2 * PADDING)
        if _is_number(column):
            least.append(natural[-1])
        else:
            least.append(max(heading + 2 * PADDING, min(natural[-1], 30 * mm)))
    if sum(natural) <= WIDTH:
        extra = (WIDTH - sum(natural)) / len(natural)
        return [width + extra for width in natural]
    text_columns = [
        i for i, column in enumerate(table.columns) if not _is_number(column)
    ]
    room = WIDTH - sum(natural[i] for i in range(len(natural)) if i not in text_columns)
    wanted = sum(natural[i] for i in text_columns) or 1
    widths = list(natural)
    for i in text_columns:
        widths[i] = max(least[i], room * natural[i] / wanted)
    return widths


def _grid(table: Table, locale: str) -> GridTable:
    """The table with its heading row repeated on every page it runs over,
    numbers right-aligned, the total in bold."""
    header = [str(column.label) for column in table.columns]
    lines = [*table.rows, *([table.total] if table.total else [])]
    body = [
        [
            _cell_text(cell, column, table.currency, locale)
            for cell, column in zip(line, table.columns, strict=True)
        ]
        for line in lines
    ]
    widths = _widths(table, header, body)
    total_index = len(table.rows) + 1 if table.total else None
    data: list[list] = [
        [
            _paragraph(label, HEADER_RIGHT if _is_number(column) else HEADER)
            for label, column in zip(header, table.columns, strict=True)
        ]
    ]
    for number, texts in enumerate(body, start=1):
        bold = number == total_index
        data.append(
            [
                text
                if _is_number(column)
                else _paragraph(text, CELL_BOLD if bold else CELL)
                for text, column in zip(texts, table.columns, strict=True)
            ]
        )
    style: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), SIZE),
        ("LEADING", (0, 0), (-1, -1), 10),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
    ]
    if len(body) > 0:
        style.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [white, STRIPE]))
    for index, column in enumerate(table.columns):
        if _is_number(column):
            style.append(("ALIGN", (index, 1), (index, -1), "RIGHT"))
    for row_number, line in enumerate(lines, start=1):
        for index, cell in enumerate(line):
            if cell is SUPPRESSED:
                style.append(
                    ("TEXTCOLOR", (index, row_number), (index, row_number), MUTED)
                )
    if total_index is not None:
        style += [
            ("FONTNAME", (0, total_index), (-1, total_index), BOLD),
            ("LINEABOVE", (0, total_index), (-1, total_index), 0.8, INK),
            ("BACKGROUND", (0, total_index), (-1, total_index), white),
        ]
    return GridTable(
        data, colWidths=widths, repeatRows=1, style=TableStyle(style), hAlign="LEFT"
    )


def _section(table: Table, locale: str) -> list[Flowable]:
    heading = [_paragraph(table.title, HEADING), _paragraph(table.definition, SMALL)]
    if not table.rows:
        return [
            CondPageBreak(40 * mm),
            KeepTogether(
                [*heading, Spacer(1, 4), _paragraph(_("Nothing in this period."))]
            ),
            Spacer(1, 10 * mm),
        ]
    chart = _chart(table, locale)
    # The heading stays with the start of the chart (or of the table).
    first, rest = (chart[:2], chart[2:]) if chart else ([], [])
    return [
        CondPageBreak(60 * mm),
        KeepTogether([*heading, *first]),
        *rest,
        Spacer(1, 4),
        _grid(table, locale),
        *(_paragraph(note, SMALL) for note in table.notes),
        Spacer(1, 10 * mm),
    ]


# The document --------------------------------------------------------------


def _programme_label(programme: str) -> str:
    return str(Programme(programme).label) if programme else _("All programmes")


def _cover(period: Period, programme: str) -> list[Flowable]:
    now = timezone.localtime(timezone.now(), ZoneInfo(settings.TIME_ZONE))
    generated = _("Generated on %(date)s at %(time)s, Baku time") % {
        "date": date_format(now.date(), "DATE_FORMAT"),
        "time": f"{now:%H:%M}",
    }
    return [
        Spacer(1, 45 * mm),
        _paragraph(_("Centre for the creative industries, Baku"), COVER_CENTRE),
        Spacer(1, 6 * mm),
        _paragraph(_("Impact report"), COVER_TITLE),
        Spacer(1, 4 * mm),
        _paragraph(period.label(), COVER_PERIOD),
        Spacer(1, 14 * mm),
        _paragraph(
            _("Programme: %(programme)s") % {"programme": _programme_label(programme)},
            COVER_LINE,
        ),
        _paragraph(generated, COVER_LINE),
        Spacer(1, 8 * mm),
        _paragraph(
            _(
                "Counts of people under 5 are shown as “fewer than 5”. Money is "
                "in AZN, read from the platform's ledger. The last page defines "
                "each figure."
            ),
            SMALL,
        ),
        PageBreak(),
    ]


def _definitions() -> list[Flowable]:
    story: list[Flowable] = [PageBreak(), _paragraph(_("Definitions"), HEADING)]
    for term, text in figures.definitions():
        story.append(KeepTogether([_paragraph(term, TERM), _paragraph(text)]))
    return story


class _Document(SimpleDocTemplate):
    """Each section's heading becomes a bookmark in the reader's outline."""

    def afterFlowable(self, flowable):  # noqa: N802 (reportlab's name)
        if isinstance(flowable, Paragraph) and flowable.style is HEADING:
            self._sections = getattr(self, "_sections", 0) + 1
            key = f"section-{self._sections}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.getPlainText(), key, level=0)


class _NumberedCanvas(Canvas):
    """Holds each page back until the last so each can say "Page X of Y".

    A bookmark made on a held page is made when that page is written: only
    then does the page exist in the file."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._held_pages: list[dict] = []
        self._held_bookmarks: list[str] = []

    def bookmarkPage(self, key, **kwargs):  # noqa: N802 (reportlab's name)
        self._held_bookmarks = [*self._held_bookmarks, key]
        return key

    def showPage(self):  # noqa: N802 (reportlab's name)
        self._held_pages.append(dict(self.__dict__))
        self._held_bookmarks = []
        self._startPage()

    def save(self):
        total = len(self._held_pages)
        for number, page in enumerate(self._held_pages, start=1):
            self.__dict__.update(page)
            for key in self._held_bookmarks:
                super().bookmarkPage(key, fit="XYZ", top=PAGE_HEIGHT)
            self.setFont(REGULAR, 8)
            self.setFillColor(MUTED)
            self.drawRightString(
                RIGHT_EDGE,
                MARGIN / 2,
                _("Page %(number)s of %(total)s") % {"number": number, "total": total},
            )
            super().showPage()
        super().save()


def _running_head(text: str):
    def draw(canvas: Canvas, _document) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, 8)
        canvas.setFillColor(MUTED)
        canvas.drawString(LEFT_EDGE, PAGE_HEIGHT - MARGIN / 2 - 4, _fit_line(text))
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(
            LEFT_EDGE,
            PAGE_HEIGHT - MARGIN / 2 - 7,
            RIGHT_EDGE,
            PAGE_HEIGHT - MARGIN / 2 - 7,
        )
        canvas.drawString(LEFT_EDGE, MARGIN / 2, AUTHOR)
        canvas.restoreState()

    return draw


def _fit_line(text: str) -> str:
    return _fit(text, WIDTH)


def _open_with_outline(canvas: Canvas, _document) -> None:
    # The reader shows the sections' bookmarks beside the first page.
    canvas.showOutline()


def report_pdf(*, period: Period, programme: str, language: str) -> bytes:
    """The impact report of `period` for `programme` ("" for all, or a
    Programme value) written in `language` (a code of settings.LANGUAGES),
    as PDF bytes."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"Unsupported language: {language!r}")
    if programme and programme not in Programme.values:
        raise ValueError(f"Unknown programme: {programme!r}")
    _register_fonts()
    locale = translation.to_locale(language)
    buffer = io.BytesIO()
    with translation.override(language):
        tables = figures.impact_report(period=period, programme=programme)
        title = _("Impact report")
        period_label = period.label()
        programme_label = _programme_label(programme)
        story = _cover(period, programme)
        for table in tables:
            story += _section(table, locale)
        story += _definitions()
        document = _Document(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=f"{title}: {period_label}",
            subject=programme_label,
            author=AUTHOR,
            creator=AUTHOR,
            lang=language,
            pageCompression=1,
        )
        document.build(
            story,
            onFirstPage=_open_with_outline,
            onLaterPages=_running_head(f"{title} · {period_label} · {programme_label}"),
            canvasmaker=_NumberedCanvas,
        )
    return buffer.getvalue()


def report_filename(*, period: Period, programme: str, language: str) -> str:
    """The file name a download of the report is offered under."""
    return f"impact-{period.slug}-{programme or 'all'}-{language}.pdf"


__all__ = ["report_filename", "report_pdf"]
