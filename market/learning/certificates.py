"""The certificate as a PDF: one A4 landscape page in the certificate's
language, with the learner's name, the course, the date, the code and the
address where anyone can check it (also as a QR code).

DejaVu Sans is embedded (a subset, with its Unicode map) so that Azerbaijani
(ə, ğ, ş) and Russian letters render and can be copied or extracted.

Whether a certificate may be downloaded (the learner's own, not revoked) is
the view's decision, not this module's."""

from __future__ import annotations

import io
from pathlib import Path

from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from .models import Certificate
from .services.certificates import verification_url

FONTS = Path(__file__).resolve().parent / "fonts"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
INK = HexColor("#1f2937")
MUTED = HexColor("#6b7280")
ACCENT = HexColor("#b45309")


def _register_fonts() -> None:
    # reportlab keeps registered fonts process-wide: register once.
    registered = pdfmetrics.getRegisteredFontNames()
    for name in (REGULAR, BOLD):
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(FONTS / f"{name}.ttf")))


def _centred(
    pdf: canvas.Canvas,
    text: str,
    *,
    x: float,
    y: float,
    font: str,
    size: float,
    colour=INK,
    max_width: float,
) -> None:
    # Long names and titles shrink to fit the line rather than overflow it.
    while size > 8 and pdfmetrics.stringWidth(text, font, size) > max_width:
        size -= 1
    pdf.setFont(font, size)
    pdf.setFillColor(colour)
    pdf.drawCentredString(x, y, text)


def certificate_pdf(certificate: Certificate) -> bytes:
    """The certificate as PDF bytes, written in `certificate.language`."""
    _register_fonts()
    url = verification_url(certificate)
    width, height = landscape(A4)
    buffer = io.BytesIO()
    with translation.override(certificate.language):
        title = _("Certificate of completion")
        pdf = canvas.Canvas(buffer, pagesize=(width, height), pageCompression=1)
        pdf.setTitle(f"{title}: {certificate.learner_name}")
        pdf.setAuthor(_("Kreativ Edu"))
        pdf.setSubject(certificate.course_title)

        # A double frame.
        pdf.setStrokeColor(ACCENT)
        pdf.setLineWidth(3)
        pdf.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
        pdf.setLineWidth(0.8)
        pdf.rect(16 * mm, 16 * mm, width - 32 * mm, height - 32 * mm)

        text_width = width - 60 * mm
        completed_on = formats.date_format(certificate.completed_on, "DATE_FORMAT")
        lines = [
            (_("Kreativ Edu"), height - 40 * mm, BOLD, 20, ACCENT),
            (
                _("Centre for the creative industries, Baku"),
                height - 48 * mm,
                REGULAR,
                11,
                MUTED,
            ),
            (title, height - 72 * mm, BOLD, 30, INK),
            (_("This certifies that"), height - 88 * mm, REGULAR, 13, MUTED),
            (certificate.learner_name, height - 106 * mm, BOLD, 34, INK),
            (_("has completed the course"), height - 120 * mm, REGULAR, 13, MUTED),
            (certificate.course_title, height - 134 * mm, BOLD, 20, INK),
            (
                _("Completed on %(date)s") % {"date": completed_on},
                height - 148 * mm,
                REGULAR,
                13,
                INK,
            ),
        ]
        for text, y, font, size, colour in lines:
            _centred(
                pdf,
                text,
                x=width / 2,
                y=y,
                font=font,
                size=size,
                colour=colour,
                max_width=text_width,
            )

        # The code and the address to check it, bottom left; the QR code right.
        pdf.setFillColor(INK)
        pdf.setFont(REGULAR, 10)
        pdf.drawString(
            26 * mm,
            32 * mm,
            _("Certificate code: %(code)s") % {"code": certificate.code},
        )
        pdf.setFillColor(MUTED)
        pdf.drawString(
            26 * mm, 26 * mm, _("Check this certificate at %(url)s") % {"url": url}
        )
        qr_size = 28 * mm
        widget = QrCodeWidget(url)
        left, bottom, right, top = widget.getBounds()
        drawing = Drawing(
            qr_size,
            qr_size,
            transform=[qr_size / (right - left), 0, 0, qr_size / (top - bottom), 0, 0],
        )
        drawing.add(widget)
        renderPDF.draw(drawing, pdf, width - 26 * mm - qr_size, 22 * mm)

        pdf.showPage()
        pdf.save()
    return buffer.getvalue()
