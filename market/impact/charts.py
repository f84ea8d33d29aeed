"""Bar charts of the impact tables, drawn on the server as SVG.

A chart is read without JavaScript: the `<svg>` is an image (`role="img"`)
named by its `<title>` and described by its `<desc>`, which lists every
value; the data table is shown beside it. Counts hidden by the small-cell
rule get no bar, only the words "fewer than 5". Labels come from the data
and are escaped.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _

from market.currencies.formatting import format_money

from .tables import SUPPRESSED, Cell, Table

# Each bar has its label on a line above it, so that the chart stays
# readable when a phone shrinks it (400 units across a 350 px screen).
WIDTH = 400
# Room left after the longest bar for its value ("1 234 567,89 ₼").
VALUE_WIDTH = 110
BAR_AREA = WIDTH - VALUE_WIDTH
ROW_HEIGHT = 44
BAR_HEIGHT = 16
TOP = 4
BOTTOM = 4
FONT_SIZE = 14
LABEL_CHARACTERS = 48
# Colours on white (the dashboard puts the chart on white in the dark
# theme too): bars 7.9:1 (non-text needs 3:1), text 16.9:1, muted text
# 7.5:1 (WCAG AA asks 4.5:1).
BAR_COLOUR = "#005b5e"
TEXT_COLOUR = "#1d1d1d"
MUTED_COLOUR = "#555555"
FONT = "font-family=\"system-ui, -apple-system, 'Segoe UI', sans-serif\""


def cell_text(cell: Cell, kind: str, currency: str = "AZN") -> str:
    """A cell as the dashboard and the charts print it (the active
    language's numbers; money with its currency)."""
    if cell is SUPPRESSED:
        return str(SUPPRESSED)
    if kind == "money" and isinstance(cell, Decimal | int):
        return format_money(cell, currency)
    if isinstance(cell, Decimal | int) and not isinstance(cell, bool):
        return number_format(cell, use_l10n=True, force_grouping=True)
    return str(cell)


def row_label(table: Table, row: list[Cell]) -> str:
    """A row's name: its leading text cells (sponsor and region, say)."""
    parts = []
    for column, cell in zip(table.columns, row, strict=False):
        if column.kind != "text":
            break
        if str(cell):
            parts.append(str(cell))
    return " · ".join(parts)


def _truncate(text: str) -> str:
    if len(text) <= LABEL_CHARACTERS:
        return text
    return text[: LABEL_CHARACTERS - 1].rstrip() + "…"


def chart_id(table: Table) -> str:
    return f"impact-chart-{slugify(table.key) or 'table'}"


def bar_chart_svg(table: Table) -> SafeString:
    """`table`'s `chart` column as horizontal bars, one per row (empty
    markup when the table has no chart)."""
    if not table.chart:
        return mark_safe("")  # noqa: S308 (nothing to show)
    index = table.column_index(table.chart)
    column = table.columns[index]
    identifier = chart_id(table)
    title = str(table.title)

    entries = []
    for row in table.rows:
        value = row[index]
        label = row_label(table, row)
        text = cell_text(value, column.kind, table.currency)
        entries.append((label, value, text))

    numbers = [
        value
        for _label, value, _text in entries
        if value is not SUPPRESSED and isinstance(value, int | Decimal)
    ]
    largest = max((value for value in numbers if value > 0), default=0)

    if entries:
        description = _("%(measure)s: %(values)s.") % {
            "measure": column.label,
            "values": "; ".join(f"{label}: {text}" for label, _value, text in entries),
        }
    else:
        description = _("No figures for this period.")

    height = TOP + max(len(entries), 1) * ROW_HEIGHT + BOTTOM
    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="impact-chart" '
            'role="img" id="{}" aria-labelledby="{}-title {}-desc" '
            'viewBox="0 0 {} {}" width="{}" height="{}" '
            'style="max-width:100%;height:auto" {} font-size="{}">',
            identifier,
            identifier,
            identifier,
            WIDTH,
            height,
            WIDTH,
            height,
            mark_safe(FONT),  # noqa: S308 (a constant)
            FONT_SIZE,
        ),
        format_html('<title id="{}-title">{}</title>', identifier, title),
        format_html('<desc id="{}-desc">{}</desc>', identifier, description),
    ]
    if not entries:
        parts.append(
            format_html(
                '<text x="0" y="{}" fill="{}">{}</text>',
                TOP + 28,
                MUTED_COLOUR,
                description,
            )
        )
    for position, (label, value, text) in enumerate(entries):
        top = TOP + position * ROW_HEIGHT
        # The label's line, then the bar with its value (or the words).
        label_line, bar_top, value_line = top + 14, top + 20, top + 33
        parts.append(format_html("<g><title>{}: {}</title>", label, text))
        parts.append(
            format_html(
                '<text x="0" y="{}" fill="{}">{}</text>',
                label_line,
                TEXT_COLOUR,
                _truncate(label),
            )
        )
        if value is SUPPRESSED or not isinstance(value, int | Decimal):
            parts.append(
                format_html(
                    '<text x="0" y="{}" font-style="italic" fill="{}">{}</text>',
                    value_line,
                    MUTED_COLOUR,
                    text,
                )
            )
        else:
            width = (
                round(Decimal(BAR_AREA) * Decimal(value) / Decimal(largest))
                if largest and value > 0
                else 0
            )
            parts.append(
                format_html(
                    '<rect x="0" y="{}" width="{}" height="{}" fill="{}"/>',
                    bar_top,
                    width,
                    BAR_HEIGHT,
                    BAR_COLOUR,
                )
            )
            parts.append(
                format_html(
                    '<text x="{}" y="{}" fill="{}">{}</text>',
                    width + 6 if width else 0,
                    value_line,
                    TEXT_COLOUR,
                    text,
                )
            )
        parts.append(mark_safe("</g>"))  # noqa: S308 (a constant)
    parts.append(mark_safe("</svg>"))  # noqa: S308 (a constant)
    # Every part is format_html output or a constant.
    return mark_safe("".join(parts))  # noqa: S308
