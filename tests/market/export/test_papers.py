"""Customs papers of a parcel (commercial invoice, CN 23), read back from the
PDFs; export documents attached to listings; who may download and upload."""

from __future__ import annotations

import datetime
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import engines
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from oscar.apps.basket.models import Basket
from oscar.apps.partner.strategy import Default
from oscar.test.factories import ShippingAddressFactory, create_order
from PIL import Image
from pypdf import PdfReader

from catalogue.kinds import PHYSICAL, SERVICE
from checkout.models import CheckoutPayment
from market.export.models import ExportDocument, ExportDocumentKind, Parcel
from market.export.papers import commercial_invoice_pdf, customs_declaration_pdf
from market.export.services_documents import (
    export_document_add,
    export_document_delete,
)
from tests.factories import ProductFactory, UserFactory

pytestmark = pytest.mark.django_db
D = Decimal


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def make_parcel(resident, buyer, *, number: str = "100042", lines=None) -> Parcel:
    """An order paid in EUR at 0.54 per AZN, shipped to Germany, with one
    parcel of `resident`'s physical lines."""
    resident.city = "Şəki"
    resident.save(update_fields=["city"])
    basket = Basket.objects.create(owner=buyer)
    basket.strategy = Default()
    for title, title_en, price, quantity, attributes in lines or [
        (
            "Quba xalçası",
            "Quba carpet",
            "450.00",
            2,
            {
                "weight_grams": 5200,
                "hs_code": "5701.10",
                "country_of_origin": "AZ",
                "materials": "Wool, cotton",
            },
        ),
        (
            "Mis sini",
            "",
            "80.00",
            1,
            {"weight_grams": 1250, "hs_code": "7418.10", "country_of_origin": "TR"},
        ),
    ]:
        product = ProductFactory(
            resident=resident,
            kind=PHYSICAL,
            title=title,
            title_en=title_en,
            price=D(price),
            num_in_stock=5,
            attributes=attributes,
        )
        basket.add_product(product, quantity)
    order = create_order(
        number=number,
        basket=basket,
        user=buyer,
        shipping_address=ShippingAddressFactory(
            first_name="Anna",
            last_name="Müller",
            line1="Hauptstraße 5",
            line2="",
            line4="Berlin",
            postcode="10115",
            country__iso_3166_1_a2="DE",
            country__printable_name="Germany",
        ),
    )
    order.date_placed = datetime.datetime(2025, 3, 14, 12, tzinfo=datetime.UTC)
    order.save(update_fields=["date_placed"])
    CheckoutPayment.objects.create(
        basket=basket,
        user=buyer,
        total=order.total_incl_tax,
        currency="EUR",
        rate=D("0.54"),
        amount=D("0"),
        language="en",
        shipping_method_code="parcels",
        expires_at=timezone.now(),
        order=order,
    )
    parcel = Parcel.objects.create(
        order=order,
        partner=resident.partner,
        country="DE",
        carrier="Azərpoçt EMS",
        min_days=5,
        max_days=12,
        weight_grams=12100,
        charge=D("60.00"),
        amount=D("32.40"),
        currency="EUR",
    )
    parcel.lines.set(order.lines.all())
    return parcel


INVOICE_ROWS = "\n".join(
    [
        # Description, HS code, origin, materials, quantity, net kg,
        # unit EUR, value EUR, unit AZN, value AZN.
        "Quba carpet",
        "5701.10",
        "Azerbaijan",
        "Wool, cotton",
        "2",
        "10.400",
        "243.00",
        "486.00",
        "450.00",
        "900.00",
        "Mis sini",
        "7418.10",
        "Türkiye",
        "1",
        "1.250",
        "43.20",
        "43.20",
        "80.00",
        "80.00",
        "Goods",
        "529.20",
        "980.00",
        "Shipping",
        "32.40",
        "60.00",
        "Total",
        "561.60",
        "1040.00",
    ]
)
CN23_ROWS = "\n".join(
    [
        # Description, quantity, net kg, value, HS tariff number, origin.
        "Quba carpet",
        "2",
        "10.400",
        "486.00 EUR",
        "5701.10",
        "Azerbaijan",
        "Mis sini",
        "1",
        "1.250",
        "43.20 EUR",
        "7418.10",
        "Türkiye",
        "Total gross weight (kg)",
        "12.100",
        "Total value",
        "529.20 EUR",
        "Postal charges",
        "32.40 EUR",
    ]
)
SENDER = "Sender\nXalça Atelier\nŞəki\nAzerbaijan\n"
RECIPIENT = "Anna Müller\nHauptstraße 5\n10115 Berlin\nGermany\nPhone: +12125555555\n"


def _attach(product, *, kind, title) -> ExportDocument:
    document = ExportDocument(product=product, kind=kind, title=title)
    document.file.save("paper.pdf", ContentFile(PDF), save=True)
    return document


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def test_the_commercial_invoice_lists_every_line_in_english(resident, buyer, settings):
    settings.MARKET_EXPORTER_OF_RECORD = ""
    parcel = make_parcel(resident, buyer)

    text = _text(commercial_invoice_pdf(parcel))

    assert text.startswith(
        f"Commercial invoice\nInvoice number: 100042-{parcel.pk}\n"
        "Order number: 100042\nDate: 2025-03-14\n" + SENDER + "Recipient\n" + RECIPIENT
    )
    assert INVOICE_ROWS in text
    assert "Total value: 561.60 EUR (1040.00 AZN)\n" in text
    assert "Total gross weight: 12.100 kg\n" in text
    assert "Reason for export: Sale\n" in text
    assert "Documents enclosed\nNone\n" in text
    assert "Exporter of record" not in text


def test_the_cn23_declares_every_line_as_a_sale_of_goods(resident, buyer):
    parcel = make_parcel(resident, buyer)

    text = _text(customs_declaration_pdf(parcel))

    assert text.startswith(
        f"CUSTOMS DECLARATION CN 23\nOrder number: 100042\nParcel: {parcel.pk}\n"
        "From (sender)\nXalça Atelier\nŞəki\nAzerbaijan\nTo (addressee)\n" + RECIPIENT
    )
    assert CN23_ROWS in text
    assert (
        "[X] Sale of goods [ ] Gift [ ] Commercial sample [ ] Documents "
        "[ ] Returned goods [ ] Other\n"
    ) in text
    assert f"Documents enclosed\n- Commercial invoice 100042-{parcel.pk}\n" in text
    assert "Sender's signature: ______________________________\n" in text
    assert f"Date: {timezone.localdate().isoformat()}" in text


def test_the_exporter_of_record_is_printed_when_set(resident, buyer, settings):
    settings.MARKET_EXPORTER_OF_RECORD = (
        "Creative Centre LLC\nNizami küçəsi 1, Bakı\nVÖEN 1234567890"
    )
    parcel = make_parcel(resident, buyer)

    text = _text(commercial_invoice_pdf(parcel))

    assert (
        "Exporter of record\nCreative Centre LLC\nNizami küçəsi 1, Bakı\n"
        "VÖEN 1234567890\n"
    ) in text
    assert INVOICE_ROWS in text


def test_export_documents_of_the_products_are_listed_on_both_papers(
    resident, buyer, other_resident
):
    parcel = make_parcel(resident, buyer)
    carpet, tray = (line.product for line in parcel.lines.order_by("pk"))
    _attach(carpet, kind=ExportDocumentKind.EXPERT_CERTIFICATE, title="Expertiza №12")
    _attach(tray, kind=ExportDocumentKind.CERTIFICATE_OF_ORIGIN, title="Origin <TR>")
    # Another listing's paper does not travel with this parcel.
    elsewhere = ProductFactory(resident=other_resident, kind=PHYSICAL)
    _attach(elsewhere, kind=ExportDocumentKind.OTHER, title="Not ours")

    invoice = _text(commercial_invoice_pdf(parcel))
    cn23 = _text(customs_declaration_pdf(parcel))

    assert (
        "Documents enclosed\n"
        "- Expertiza №12 (Expert's certificate for export)\n"
        "- Origin <TR> (Certificate of origin)\n"
    ) in invoice
    assert (
        "Documents enclosed\n"
        "- Expertiza №12 (Expert's certificate for export)\n"
        "- Origin <TR> (Certificate of origin)\n"
        f"- Commercial invoice 100042-{parcel.pk}\n"
    ) in cn23
    assert "Not ours" not in invoice + cn23


def test_a_resident_downloads_the_papers_of_their_own_parcel(resident, owner, buyer):
    parcel = make_parcel(resident, buyer)
    client = Client()
    client.force_login(owner)

    invoice = client.get(reverse("resident_dashboard:parcel-invoice", args=[parcel.pk]))
    cn23 = client.get(reverse("resident_dashboard:parcel-cn23", args=[parcel.pk]))

    assert (invoice.status_code, cn23.status_code) == (200, 200)
    assert invoice["Content-Type"] == cn23["Content-Type"] == "application/pdf"
    assert invoice["Content-Disposition"] == (
        f'attachment; filename="invoice-100042-{parcel.pk}.pdf"'
    )
    assert cn23["Content-Disposition"] == (
        f'attachment; filename="cn23-100042-{parcel.pk}.pdf"'
    )
    assert INVOICE_ROWS in _text(invoice.content)
    assert CN23_ROWS in _text(cn23.content)


def test_a_resident_cannot_download_another_residents_parcel_papers(
    resident, buyer, other_owner
):
    parcel = make_parcel(resident, buyer)
    before = Parcel.objects.filter(pk=parcel.pk).values().get()
    client = Client()
    client.force_login(other_owner)

    invoice = client.get(reverse("resident_dashboard:parcel-invoice", args=[parcel.pk]))
    cn23 = client.get(reverse("resident_dashboard:parcel-cn23", args=[parcel.pk]))

    assert (invoice.status_code, cn23.status_code) == (404, 404)
    assert Parcel.objects.filter(pk=parcel.pk).values().get() == before
    assert not ExportDocument.objects.exists()


def test_staff_download_any_parcels_papers_in_the_admin(resident, buyer, staff):
    parcel = make_parcel(resident, buyer)
    client = Client()
    client.force_login(staff)

    invoice = client.get(reverse("export_parcel_invoice", args=[parcel.pk]))
    cn23 = client.get(reverse("export_parcel_cn23", args=[parcel.pk]))

    assert (invoice.status_code, cn23.status_code) == (200, 200)
    assert invoice["Content-Disposition"] == (
        f'attachment; filename="invoice-100042-{parcel.pk}.pdf"'
    )
    assert cn23["Content-Disposition"] == (
        f'attachment; filename="cn23-100042-{parcel.pk}.pdf"'
    )
    assert INVOICE_ROWS in _text(invoice.content)
    assert CN23_ROWS in _text(cn23.content)


@pytest.mark.parametrize("who", ["anonymous", "buyer", "resident", "editor"])
def test_strangers_cannot_reach_the_staff_papers(resident, owner, buyer, who):
    parcel = make_parcel(resident, buyer)
    client = Client()
    if who == "buyer":
        client.force_login(buyer)
    elif who == "resident":
        client.force_login(owner)
    elif who == "editor":
        # Wagtail lets an editor in (admin access, not staff): the view refuses.
        editor = UserFactory(email="editor@example.az")
        editor.user_permissions.add(
            Permission.objects.get(
                codename="access_admin", content_type__app_label="wagtailadmin"
            )
        )
        client.force_login(editor)

    invoice = client.get(reverse("export_parcel_invoice", args=[parcel.pk]))
    cn23 = client.get(reverse("export_parcel_cn23", args=[parcel.pk]))

    assert (invoice.status_code, cn23.status_code) == (302, 302)
    if who == "editor":
        # Wagtail answers a refusal in its admin with a redirect home.
        assert (invoice["Location"], cn23["Location"]) == ("/cms/", "/cms/")
    else:
        assert invoice["Location"] == (
            f"/cms/login/?next=/cms/export/parcels/{parcel.pk}/invoice.pdf"
        )
    assert invoice.get("Content-Type") != "application/pdf"
    assert cn23.get("Content-Type") != "application/pdf"


def _documents_url(product) -> str:
    return reverse("resident_dashboard:documents", args=[product.pk])


def test_a_resident_attaches_a_paper_to_their_own_listing(resident, owner):
    carpet = ProductFactory(resident=resident, kind=PHYSICAL, title="Quba xalçası")
    client = Client()
    client.force_login(owner)

    response = client.post(
        _documents_url(carpet),
        {
            "kind": ExportDocumentKind.EXPERT_CERTIFICATE,
            "title": "Expertiza №12",
            "file": SimpleUploadedFile("../../etc/passwd.pdf.exe", PDF),
        },
    )

    assert response.status_code == 302
    assert response["Location"] == _documents_url(carpet)
    document = ExportDocument.objects.get()
    assert (document.product, document.kind, document.title) == (
        carpet,
        ExportDocumentKind.EXPERT_CERTIFICATE,
        "Expertiza №12",
    )
    assert re.fullmatch(r"export-documents/[0-9a-f]{32}\.pdf", document.file.name)
    assert document.file.read() == PDF
    page = client.get(_documents_url(carpet))
    assert page.status_code == 200
    assert "Expertiza №12" in page.content.decode()
    dashboard = client.get(reverse("resident_dashboard:index"))
    assert f'href="{_documents_url(carpet)}"' in dashboard.content.decode()


def test_a_scan_as_a_picture_is_accepted_under_a_random_name(resident):
    carpet = ProductFactory(resident=resident, kind=PHYSICAL)
    scan = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(scan, format="PNG")

    document = export_document_add(
        resident=resident,
        product=carpet,
        kind=ExportDocumentKind.CERTIFICATE_OF_ORIGIN,
        title="  Certificate of origin  ",
        upload=SimpleUploadedFile("scan.pdf", scan.getvalue()),
    )

    assert document.title == "Certificate of origin"
    assert re.fullmatch(r"export-documents/[0-9a-f]{32}\.png", document.file.name)


def test_the_product_page_tag_says_which_papers_come_with_it(resident):
    carpet = ProductFactory(resident=resident, kind=PHYSICAL)
    _attach(carpet, kind=ExportDocumentKind.EXPERT_CERTIFICATE, title="Expertiza №12")
    _attach(
        carpet,
        kind=ExportDocumentKind.CERTIFICATE_OF_ORIGIN,
        title="Certificate of origin",
    )
    # The HTML engine (the first one renders plain-text templates).
    template = engines["django"].from_string(
        "{% load export_tags %}{% export_papers product %}"
    )

    with translation.override("en"):
        html = template.render({"product": carpet})
    nothing = template.render(
        {"product": ProductFactory(resident=resident, kind=PHYSICAL)}
    )

    assert html.strip() == (
        '<p class="export-papers">Comes with: Expertiza №12 '
        "(Expert&#x27;s certificate for export), Certificate of origin</p>"
    )
    assert "href" not in html
    assert nothing.strip() == ""


NOT_A_PDF = b"<html><script>alert(1)</script></html>" * 10
TOO_BIG = PDF + b"0" * (10 * 1024 * 1024 + 1 - len(PDF))


@pytest.mark.parametrize(
    ("content", "code"),
    [(NOT_A_PDF, "file_type"), (TOO_BIG, "too_large")],
    ids=["html-named-pdf", "too-big"],
)
def test_a_refused_file_stores_nothing(resident, owner, settings, content, code):
    carpet = ProductFactory(resident=resident, kind=PHYSICAL)
    client = Client()
    client.force_login(owner)

    response = client.post(
        _documents_url(carpet),
        {
            "kind": ExportDocumentKind.OTHER,
            "title": "Paper",
            "file": SimpleUploadedFile("paper.pdf", content),
        },
    )

    assert response.status_code == 400
    errors = response.context["form"].errors.as_data()
    assert list(errors) == ["file"]
    assert [error.code for error in errors["file"]] == [code]
    assert not ExportDocument.objects.exists()
    assert not list(Path(settings.MEDIA_ROOT).rglob("export-documents/*"))


def test_a_resident_cannot_attach_papers_to_another_residents_listing(
    resident, other_resident, other_owner
):
    carpet = ProductFactory(resident=resident, kind=PHYSICAL)
    client = Client()
    client.force_login(other_owner)

    page = client.get(_documents_url(carpet))
    response = client.post(
        _documents_url(carpet),
        {
            "kind": ExportDocumentKind.OTHER,
            "title": "Mine now",
            "file": SimpleUploadedFile("paper.pdf", PDF),
        },
    )
    with pytest.raises(PermissionDenied):
        export_document_add(
            resident=other_resident,
            product=carpet,
            kind=ExportDocumentKind.OTHER,
            title="Mine now",
            upload=SimpleUploadedFile("paper.pdf", PDF),
        )

    assert (page.status_code, response.status_code) == (404, 404)
    assert not ExportDocument.objects.exists()


def test_papers_only_for_physical_listings(resident, owner):
    service = ProductFactory(resident=resident, kind=SERVICE, num_in_stock=None)
    client = Client()
    client.force_login(owner)

    response = client.post(
        _documents_url(service),
        {
            "kind": ExportDocumentKind.OTHER,
            "title": "Paper",
            "file": SimpleUploadedFile("paper.pdf", PDF),
        },
    )

    assert response.status_code == 404
    assert not ExportDocument.objects.exists()


def test_a_resident_removes_their_own_paper_only(
    resident, owner, other_resident, other_owner, django_capture_on_commit_callbacks
):
    carpet = ProductFactory(resident=resident, kind=PHYSICAL)
    document = _attach(carpet, kind=ExportDocumentKind.OTHER, title="Old paper")
    path = document.file.path
    url = reverse("resident_dashboard:document-delete", args=[document.pk])
    stranger = Client()
    stranger.force_login(other_owner)
    client = Client()
    client.force_login(owner)

    refused = stranger.post(url)
    with pytest.raises(PermissionDenied):
        export_document_delete(resident=other_resident, document=document)
    assert ExportDocument.objects.filter(pk=document.pk).exists()
    not_a_post = client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        removed = client.post(url)

    assert (refused.status_code, not_a_post.status_code) == (404, 405)
    assert removed.status_code == 302
    assert not ExportDocument.objects.exists()
    assert not Path(path).exists()
