"""The resident dashboard: listing each kind, review, files, fulfilment."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from catalogue.kinds import COURSE, DIGITAL, PHYSICAL, SERVICE
from catalogue.models import DigitalFile, Product, ReviewStatus
from market.export.models import ShippingProfile
from market.export.pricing import listing_profile
from market.learning.models import CourseSession
from market.residents.models import LineFulfilment
from search.backends import ProductQuery, get_backend

from .conftest import order_line, png_upload

pytestmark = pytest.mark.django_db

CATEGORY_FIELDS = {"title": "Yeni xalça", "description": "<p>Yun</p>"}
KIND_FIELDS = {
    PHYSICAL: {
        "price": "450.00",
        "stock": "3",
        "attr_weight_grams": "5200",
        "attr_hs_code": "5701.10",
        "attr_country_of_origin": "AZ",
    },
    DIGITAL: {
        "price_personal": "15.00",
        "price_commercial": "60.00",
        "price_extended": "150.00",
        "attr_file_format": "WAV",
    },
    SERVICE: {"price": "40.00", "attr_duration_hours": "1"},
    COURSE: {
        "price": "0.00",
        "stock": "12",
        "attr_language": "az",
        "attr_level": "beginner",
    },
}


def _shipping(kind=PHYSICAL) -> dict:
    """A physical listing ships with a profile: the `catalogue` fixture's."""
    if kind != PHYSICAL:
        return {}
    return {"shipping_profile": ShippingProfile.objects.get(name="Free delivery").pk}


def _create(client, kind, category, **extra):
    data = {
        **CATEGORY_FIELDS,
        "category": category.pk,
        **KIND_FIELDS[kind],
        **_shipping(kind),
        **extra,
    }
    return client.post(
        reverse("resident_dashboard:create", kwargs={"kind": kind}), data
    )


def _public_ids():
    return (
        get_backend().search_products(ProductQuery(), offset=0, limit=100).product_ids
    )


@pytest.mark.parametrize("kind", [PHYSICAL, DIGITAL, SERVICE, COURSE])
def test_a_new_listing_waits_for_review_then_goes_live(
    client, owner, resident, staff, catalogue, kind, django_capture_on_commit_callbacks
):
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = _create(client, kind, catalogue["category"])

    assert response.status_code == 302
    product = Product.objects.get(title="Yeni xalça", product_class__slug=kind)
    assert product.review_status == ReviewStatus.PENDING
    assert product.pk not in _public_ids()

    if kind == COURSE:
        # A course is approved once it has a session (its teaching page).
        CourseSession.objects.create(
            course_id=product.pk,
            starts_at=timezone.now() + timedelta(days=30),
            ends_at=timezone.now() + timedelta(days=30, hours=2),
        )
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("listing_decide", args=[product.pk]), {"decision": "approve"}
        )

    product.refresh_from_db()
    assert product.review_status == ReviewStatus.LIVE
    assert product.pk in _public_ids()
    assert client.get(product.get_absolute_url()).status_code == 200


def test_a_physical_listing_keeps_its_kind_attributes(
    client, owner, resident, catalogue
):
    client.force_login(owner)

    _create(client, PHYSICAL, catalogue["category"], image=png_upload())

    product = Product.objects.get(title="Yeni xalça")
    record = product.stockrecords.get()
    assert (record.partner, record.price, record.num_in_stock) == (
        resident.partner,
        Decimal("450.00"),
        3,
    )
    assert (product.attr.hs_code, product.attr.weight_grams) == ("5701.10", 5200)
    assert product.attr.country_of_origin == "AZ"
    assert listing_profile(product) == ShippingProfile.objects.get(name="Free delivery")
    image_name = product.images.get().original.name
    assert image_name.endswith(".png")
    assert "picture" not in image_name


def test_a_digital_listing_sells_three_licences(client, owner, resident, catalogue):
    client.force_login(owner)

    _create(client, DIGITAL, catalogue["category"])

    product = Product.objects.get(title="Yeni xalça")
    prices = {
        child.attr.licence.code: child.stockrecords.get().price
        for child in product.children.all()
    }
    assert prices == {
        "personal": Decimal("15.00"),
        "commercial": Decimal("60.00"),
        "extended": Decimal("150.00"),
    }


def test_editing_a_live_listing_sends_it_back_to_review(
    client, owner, resident, catalogue
):
    product = catalogue[PHYSICAL]
    client.force_login(owner)

    response = client.post(
        reverse("resident_dashboard:edit", kwargs={"pk": product.pk}),
        {
            **CATEGORY_FIELDS,
            "title": "Quba xalçası, 2x3 m",
            "category": catalogue["category"].pk,
            **KIND_FIELDS[PHYSICAL],
            **_shipping(),
        },
    )

    product.refresh_from_db()
    assert response.status_code == 302
    assert (product.title, product.review_status) == ("Quba xalçası, 2x3 m", "pending")
    assert product.stockrecords.get().num_in_stock == 3


def test_staff_reject_a_listing_with_a_reason(client, owner, staff, catalogue):
    client.force_login(owner)
    _create(client, SERVICE, catalogue["category"])
    product = Product.objects.get(title="Yeni xalça")
    client.force_login(staff)

    client.post(reverse("listing_decide", args=[product.pk]), {"decision": "reject"})
    product.refresh_from_db()
    assert product.review_status == ReviewStatus.PENDING

    client.post(
        reverse("listing_decide", args=[product.pk]),
        {"decision": "reject", "reason": "Add real photos"},
    )
    product.refresh_from_db()
    assert (product.review_status, product.review_reason) == (
        "rejected",
        "Add real photos",
    )


def test_digital_files_are_stored_privately(client, owner, catalogue, settings):
    product = catalogue[DIGITAL]
    client.force_login(owner)
    wav = b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(100)
    upload = png_upload()
    upload.name, upload.file = "mugam.wav", __import__("io").BytesIO(wav)
    upload.size = len(wav)

    response = client.post(
        reverse("resident_dashboard:files", kwargs={"pk": product.pk}), {"file": upload}
    )

    assert response.status_code == 302
    stored = DigitalFile.objects.get()
    assert (stored.original_name, stored.extension, stored.size) == (
        "mugam.wav",
        ".wav",
        len(wav),
    )
    path = settings.PRIVATE_MEDIA_ROOT / stored.file.name
    assert path.read_bytes() == wav
    assert not str(path).startswith(str(settings.MEDIA_ROOT))
    assert "mugam" not in stored.file.name
    with pytest.raises(ValueError, match="Private files have no URL"):
        stored.file.url  # noqa: B018


def test_resident_marks_own_service_line_done(client, owner, resident, catalogue):
    line = order_line(resident, catalogue[SERVICE])
    client.force_login(owner)

    page = client.get(reverse("resident_dashboard:index"))
    response = client.post(
        reverse("resident_dashboard:fulfil", kwargs={"pk": line.pk}),
        {"tracking_reference": "AZ123456789"},
    )

    assert list(page.context["lines"]) == [line]
    assert response.status_code == 302
    fulfilment = LineFulfilment.objects.get()
    assert (
        fulfilment.line,
        fulfilment.tracking_reference,
        fulfilment.fulfilled_by,
    ) == (
        line,
        "AZ123456789",
        owner,
    )


def test_a_physical_line_is_not_marked_done_by_hand(client, owner, resident, catalogue):
    line = order_line(resident, catalogue[PHYSICAL])
    client.force_login(owner)

    response = client.post(
        reverse("resident_dashboard:fulfil", kwargs={"pk": line.pk}),
        {"tracking_reference": "AZ123456789"},
    )

    with translation.override("az"):
        expected = _("Only a service is marked done here; goods are sent as parcels.")
    assert response.status_code == 302
    assert [str(m) for m in response.wsgi_request._messages] == [expected]
    assert LineFulfilment.objects.count() == 0


def test_dashboard_lists_only_own_lines_of_a_shared_order(
    client, owner, resident, catalogue, other_resident, other_product
):
    mine = order_line(resident, catalogue[PHYSICAL])
    theirs = order_line(other_resident, other_product)
    theirs.order = mine.order
    theirs.save()
    client.force_login(owner)

    page = client.get(reverse("resident_dashboard:index"))

    assert list(page.context["lines"]) == [mine]
    assert "Nərd taxtası" not in page.content.decode()


TRANSLATION_FIELDS = {
    "title_en": "New carpet",
    "title_ru": "Новый ковёр",
    "description_en": '<p>Wool</p><script>alert("x")</script>',
    "description_ru": "<p onclick=\"alert(1)\">Шерсть</p><script>alert('x')</script>",
}


def test_a_listing_saves_its_translations_sanitised(client, owner, catalogue):
    client.force_login(owner)

    response = _create(client, PHYSICAL, catalogue["category"], **TRANSLATION_FIELDS)

    product = Product.objects.get(title="Yeni xalça")
    assert response.status_code == 302
    assert (
        product.title_en,
        product.title_ru,
        product.description_en,
        product.description_ru,
    ) == ("New carpet", "Новый ковёр", "<p>Wool</p>", "<p>Шерсть</p>")


def test_translations_are_optional(client, owner, catalogue):
    client.force_login(owner)

    response = _create(client, SERVICE, catalogue["category"])

    product = Product.objects.get(title="Yeni xalça")
    assert response.status_code == 302
    assert (
        product.title_en,
        product.title_ru,
        product.description_en,
        product.description_ru,
    ) == ("", "", "", "")


def test_a_digital_listing_names_its_licences_in_each_language(
    client, owner, catalogue
):
    client.force_login(owner)

    _create(client, DIGITAL, catalogue["category"], title_en="New carpet")

    product = Product.objects.get(title="Yeni xalça")
    titles = sorted(
        (child.title, child.title_en, child.title_ru)
        for child in product.children.all()
    )
    assert titles == [
        (
            "Yeni xalça (Genişləndirilmiş lisenziya)",
            "New carpet (Extended licence)",
            "",
        ),
        ("Yeni xalça (Kommersiya lisenziyası)", "New carpet (Commercial licence)", ""),
        ("Yeni xalça (Şəxsi lisenziya)", "New carpet (Personal licence)", ""),
    ]


def test_editing_only_a_translation_sends_the_listing_back_to_review(
    client, owner, catalogue
):
    product = catalogue[PHYSICAL]
    client.force_login(owner)
    form = client.get(reverse("resident_dashboard:edit", kwargs={"pk": product.pk}))
    initial = form.context["form"].initial

    response = client.post(
        reverse("resident_dashboard:edit", kwargs={"pk": product.pk}),
        {
            "title": initial["title"],
            "description": initial["description"],
            "category": initial["category"].pk,
            **KIND_FIELDS[PHYSICAL],
            **_shipping(),
            "description_en": "<p>Hand-knotted</p><script>alert(1)</script>",
        },
    )

    product.refresh_from_db()
    assert response.status_code == 302
    assert (product.title, product.description_en, product.review_status) == (
        "Quba xalçası",
        "<p>Hand-knotted</p>",
        ReviewStatus.PENDING,
    )


def test_the_edit_form_shows_the_stored_translations(client, owner, catalogue):
    product = catalogue[PHYSICAL]
    product.title_en, product.description_ru = "Quba carpet", "<p>Ковёр</p>"
    product.save()
    client.force_login(owner)

    page = client.get(reverse("resident_dashboard:edit", kwargs={"pk": product.pk}))

    initial = page.context["form"].initial
    assert (initial["title_en"], initial["title_ru"], initial["description_ru"]) == (
        "Quba carpet",
        "",
        "<p>Ковёр</p>",
    )
