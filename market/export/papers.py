"""The customs papers of one parcel as PDFs: the commercial invoice and the
CN 23 customs declaration.

Customs papers are read by carriers and customs officers abroad, so they are
always in English whatever the resident's or the buyer's language: plain
strings, not gettext, and country names and document kinds in English.
Amounts are Decimal: AZN (what residents price in) and the currency the buyer
was charged in, converted by the one rounding rule (market.currencies.money).

DejaVu Sans is embedded, as on the course certificates, so that Azerbaijani
and Russian letters in names and addresses render and can be copied.

Whether a parcel's papers may be downloaded is the view's decision."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpResponse
from django.utils import timezone, translation
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from market.currencies.money import BASE_CURRENCY, convert, convert_line

from .countries import country_name
from .models import ExportDocument, ExportDocumentKind, Parcel

# The fonts the course certificates embed (market/learning/fonts).
FONTS = Path(__file__).resolve().parent.parent / "learning" / "fonts"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
GRAMS_PER_KG = Decimal(1000)
KG = Decimal("0.001")

TEXT = ParagraphStyle("text", fontName=REGULAR, fontSize=9, leading=11)
SMALL = ParagraphStyle("small", parent=TEXT, fontSize=8, leading=10)
HEADING = ParagraphStyle("heading", parent=TEXT, fontName=BOLD, fontSize=10)
TITLE = ParagraphStyle("title", parent=TEXT, fontName=BOLD, fontSize=16, leading=20)


def _register_fonts() -> None:
    # reportlab keeps registered fonts process-wide: register once.
    registered = pdfmetrics.getRegisteredFontNames()
    for name in (REGULAR, BOLD):
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(FONTS / f"{name}.ttf")))


@dataclass(frozen=True)
class PaperLine:
    """One order line of the parcel as customs see it."""

    description: str
    hs_code: str
    origin: str
    materials: str
    quantity: int
    net_kg: Decimal
    unit_azn: Decimal
    value_azn: Decimal
    unit_charged: Decimal
    value_charged: Decimal


@dataclass(frozen=True)
class PaperData:
    """Everything both papers print, gathered once, in English."""

    order_number: str
    parcel_id: int
    date: str
    sender: list[str]
    exporter: list[str]
    recipient: list[str]
    currency: str
    lines: list[PaperLine]
    shipping_azn: Decimal
    shipping_charged: Decimal
    goods_azn: Decimal
    goods_charged: Decimal
    gross_kg: Decimal
    documents: list[str]

    @property
    def invoice_number(self) -> str:
        return f"{self.order_number}-{self.parcel_id}"

    @property
    def total_azn(self) -> Decimal:
        return self.goods_azn + self.shipping_azn

    @property
    def total_charged(self) -> Decimal:
        return self.goods_charged + self.shipping_charged


def _attribute(product, code: str):
    """A product attribute, or its parent's (a variant inherits them)."""
    if product is None:
        return None
    value = getattr(product.attr, code, None)
    if value is None and product.parent_id is not None:
        value = getattr(product.parent.attr, code, None)
    return value


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _kg(grams: int) -> Decimal:
    return (Decimal(grams) / GRAMS_PER_KG).quantize(KG)


def _payment_terms(parcel: Parcel) -> tuple[str, Decimal]:
    """The charge currency and its rate (units per AZN) the order was paid at."""
    try:
        payment = parcel.order.checkout_payment
    except ObjectDoesNotExist:
        return BASE_CURRENCY, Decimal(1)
    return payment.currency, payment.rate


def _sender(parcel: Parcel) -> list[str]:
    partner = parcel.partner
    resident = getattr(partner, "resident", None)
    lines = []
    if resident is not None:
        lines.append(resident.display_name)
    if partner.name and partner.name not in lines:
        lines.append(partner.name)
    if resident is not None and resident.city:
        lines.append(resident.city)
    lines.append(country_name(settings.MARKET_HOME_COUNTRY, "en"))
    return lines


def _recipient(parcel: Parcel) -> list[str]:
    address = parcel.order.shipping_address
    if address is None:
        return [country_name(parcel.country, "en")]
    lines = [
        address.name,
        address.line1,
        address.line2,
        address.line3,
        " ".join(part for part in (address.postcode, address.line4) if part),
        address.state,
        country_name(address.country_id or parcel.country, "en"),
    ]
    if address.phone_number:
        lines.append(f"Phone: {address.phone_number}")
    return [_text(line) for line in lines if _text(line)]


def _documents(products: list) -> list[str]:
    documents = ExportDocument.objects.filter(product__in=products).order_by(
        "product_id", "pk"
    )
    return [
        f"{document.title} ({ExportDocumentKind(document.kind).label})"
        for document in documents
    ]


def paper_data(parcel: Parcel) -> PaperData:
    """What the papers of `parcel` say, in English, amounts in Decimal."""
    with translation.override("en"):
        currency, rate = _payment_terms(parcel)
        order = parcel.order
        lines, products = [], []
        for line in parcel.lines.select_related("product__parent").order_by("pk"):
            product = line.product
            if product is not None:
                products.append(product.parent or product)
            unit_azn = line.unit_price_incl_tax
            origin = _text(_attribute(product, "country_of_origin"))
            lines.append(
                PaperLine(
                    description=_text(getattr(product, "title_en", None)) or line.title,
                    hs_code=_text(_attribute(product, "hs_code")),
                    origin=country_name(origin, "en") if origin else "",
                    materials=_text(_attribute(product, "materials")),
                    quantity=line.quantity,
                    net_kg=_kg(
                        int(_attribute(product, "weight_grams") or 0) * line.quantity
                    ),
                    unit_azn=convert(unit_azn, rate=Decimal(1), currency=BASE_CURRENCY),
                    value_azn=convert_line(
                        unit_price=unit_azn,
                        quantity=line.quantity,
                        rate=Decimal(1),
                        currency=BASE_CURRENCY,
                    ),
                    unit_charged=convert(unit_azn, rate=rate, currency=currency),
                    value_charged=convert_line(
                        unit_price=unit_azn,
                        quantity=line.quantity,
                        rate=rate,
                        currency=currency,
                    ),
                )
            )
        return PaperData(
            order_number=order.number,
            parcel_id=parcel.pk,
            date=timezone.localdate(order.date_placed).isoformat(),
            sender=_sender(parcel),
            exporter=[
                line.strip()
                for line in settings.MARKET_EXPORTER_OF_RECORD.splitlines()
                if line.strip()
            ],
            recipient=_recipient(parcel),
            currency=currency,
            lines=lines,
            shipping_azn=parcel.charge,
            shipping_charged=parcel.amount,
            goods_azn=sum((line.value_azn for line in lines), Decimal("0.00")),
            goods_charged=sum((line.value_charged for line in lines), Decimal("0.00")),
            gross_kg=_kg(parcel.weight_grams),
            documents=_documents(products),
        )


def _paragraph(text: str, style: ParagraphStyle = TEXT) -> Paragraph:
    return Paragraph(escape(text), style)


def _block(heading: str, lines: list[str]) -> list[Paragraph]:
    return [_paragraph(heading, HEADING), *(_paragraph(line) for line in lines)]


def _money(amount: Decimal, currency: str) -> str:
    return f"{amount} {currency}"


GRID = TableStyle(
    [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("FONTNAME", (0, 0), (-1, 0), BOLD),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f3f4f6")),
    ]
)
BOXES = TableStyle(
    [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BOX", (0, 0), (0, -1), 0.5, colors.grey),
        ("BOX", (1, 0), (1, -1), 0.5, colors.grey),
    ]
)


def _build(story: list, *, pagesize, title: str, subject: str) -> bytes:
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=14 * mm,
        rightMargin=14 * mm,
        topMargin=14 * mm,
        bottomMargin=14 * mm,
        title=title,
        subject=subject,
        author="Creative Market",
        pageCompression=1,
    )
    document.build(story)
    return buffer.getvalue()


def commercial_invoice_pdf(parcel: Parcel) -> bytes:
    """The parcel's commercial invoice as PDF bytes, in English."""
    _register_fonts()
    data = paper_data(parcel)
    width = landscape(A4)[0] - 28 * mm
    currency = data.currency
    story: list = [
        _paragraph("Commercial invoice", TITLE),
        _paragraph(f"Invoice number: {data.invoice_number}"),
        _paragraph(f"Order number: {data.order_number}"),
        _paragraph(f"Date: {data.date}"),
        Spacer(1, 4 * mm),
    ]
    parties = [_block("Sender", data.sender), _block("Recipient", data.recipient)]
    if data.exporter:
        parties.append(_block("Exporter of record", data.exporter))
    columns = len(parties)
    story += [
        Table([parties], colWidths=[width / columns] * columns, style=BOXES),
        Spacer(1, 5 * mm),
    ]
    rows: list[list] = [
        [
            "Description",
            "HS code",
            "Country of origin",
            "Materials",
            "Quantity",
            "Net weight (kg)",
            f"Unit value ({currency})",
            f"Value ({currency})",
            "Unit value (AZN)",
            "Value (AZN)",
        ]
    ]
    for line in data.lines:
        rows.append(
            [
                _paragraph(line.description, SMALL),
                line.hs_code,
                _paragraph(line.origin, SMALL),
                _paragraph(line.materials, SMALL),
                str(line.quantity),
                str(line.net_kg),
                str(line.unit_charged),
                str(line.value_charged),
                str(line.unit_azn),
                str(line.value_azn),
            ]
        )
    rows += [
        [
            "Goods",
            "",
            "",
            "",
            "",
            "",
            "",
            str(data.goods_charged),
            "",
            str(data.goods_azn),
        ],
        [
            "Shipping",
            "",
            "",
            "",
            "",
            "",
            "",
            str(data.shipping_charged),
            "",
            str(data.shipping_azn),
        ],
        [
            "Total",
            "",
            "",
            "",
            "",
            "",
            "",
            str(data.total_charged),
            "",
            str(data.total_azn),
        ],
    ]
    fixed = [18, 24, 30, 15, 22, 24, 22, 22, 22]
    description_width = width - sum(fixed) * mm
    table = Table(
        rows,
        colWidths=[description_width, *(w * mm for w in fixed)],
        repeatRows=1,
    )
    table.setStyle(GRID)
    table.setStyle(TableStyle([("FONTNAME", (0, -3), (-1, -1), BOLD)]))
    story += [
        table,
        Spacer(1, 4 * mm),
        _paragraph(
            f"Total value: {_money(data.total_charged, currency)}"
            f" ({_money(data.total_azn, BASE_CURRENCY)})",
            HEADING,
        ),
        _paragraph(f"Currency of sale: {currency}"),
        _paragraph(f"Total gross weight: {data.gross_kg} kg"),
        _paragraph("Reason for export: Sale"),
        Spacer(1, 4 * mm),
        _paragraph("Documents enclosed", HEADING),
    ]
    if data.documents:
        story += [_paragraph(f"- {document}") for document in data.documents]
    else:
        story.append(_paragraph("None"))
    story += [
        Spacer(1, 8 * mm),
        _paragraph(
            "I declare that the information on this invoice is true and correct."
        ),
        Spacer(1, 10 * mm),
        _paragraph("Signature: ______________________________"),
    ]
    return _build(
        story,
        pagesize=landscape(A4),
        title=f"Commercial invoice {data.invoice_number}",
        subject=f"Order {data.order_number}",
    )


def customs_declaration_pdf(parcel: Parcel) -> bytes:
    """The parcel's CN 23 customs declaration as PDF bytes, in English."""
    _register_fonts()
    data = paper_data(parcel)
    width = A4[0] - 28 * mm
    currency = data.currency
    story: list = [
        _paragraph("CUSTOMS DECLARATION CN 23", TITLE),
        _paragraph(f"Order number: {data.order_number}"),
        _paragraph(f"Parcel: {data.parcel_id}"),
        Spacer(1, 4 * mm),
        Table(
            [
                [
                    _block("From (sender)", data.sender),
                    _block("To (addressee)", data.recipient),
                ]
            ],
            colWidths=[width / 2] * 2,
            style=BOXES,
        ),
        Spacer(1, 5 * mm),
    ]
    rows: list[list] = [
        [
            "Detailed description of contents",
            "Quantity",
            "Net weight (kg)",
            "Value",
            "HS tariff number",
            "Country of origin",
        ]
    ]
    for line in data.lines:
        rows.append(
            [
                _paragraph(line.description, SMALL),
                str(line.quantity),
                str(line.net_kg),
                _money(line.value_charged, currency),
                line.hs_code,
                _paragraph(line.origin, SMALL),
            ]
        )
    rows += [
        ["Total gross weight (kg)", "", str(data.gross_kg), "", "", ""],
        ["Total value", "", "", _money(data.goods_charged, currency), "", ""],
        ["Postal charges", "", "", _money(data.shipping_charged, currency), "", ""],
    ]
    fixed = [16, 22, 28, 26, 28]
    table = Table(
        rows,
        colWidths=[width - sum(fixed) * mm, *(w * mm for w in fixed)],
        repeatRows=1,
    )
    table.setStyle(GRID)
    table.setStyle(TableStyle([("FONTNAME", (0, -3), (-1, -1), BOLD)]))
    categories = [
        ("Sale of goods", True),
        ("Gift", False),
        ("Commercial sample", False),
        ("Documents", False),
        ("Returned goods", False),
        ("Other", False),
    ]
    story += [
        table,
        Spacer(1, 5 * mm),
        _paragraph("Category of item", HEADING),
        _paragraph(
            "   ".join(
                f"[{'X' if ticked else ' '}] {name}" for name, ticked in categories
            )
        ),
        Spacer(1, 4 * mm),
        _paragraph("Documents enclosed", HEADING),
        *(
            _paragraph(f"- {document}")
            for document in [
                *data.documents,
                f"Commercial invoice {data.invoice_number}",
            ]
        ),
        Spacer(1, 8 * mm),
        _paragraph(
            "I certify that the particulars given in this customs declaration are "
            "correct and that this item does not contain any dangerous article or "
            "articles prohibited by legislation or by postal or customs regulations."
        ),
        Spacer(1, 10 * mm),
        _paragraph("Sender's signature: ______________________________"),
        _paragraph(f"Date: {timezone.localdate().isoformat()}"),
    ]
    return _build(
        story,
        pagesize=A4,
        title=f"CN 23 {data.invoice_number}",
        subject=f"Order {data.order_number}",
    )


# The papers one may download: name in the URL -> (builder, file name prefix).
PAPERS = {
    "invoice": (commercial_invoice_pdf, "invoice"),
    "cn23": (customs_declaration_pdf, "cn23"),
}


def paper_response(parcel: Parcel, paper: str) -> HttpResponse:
    """One paper of the parcel as a PDF download."""
    build, prefix = PAPERS[paper]
    response = HttpResponse(build(parcel), content_type="application/pdf")
    filename = f"{prefix}-{parcel.order.number}-{parcel.pk}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
