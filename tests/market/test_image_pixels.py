"""Pictures of more than MARKET_IMAGE_MAX_PIXELS pixels are refused on every
upload path, before anything decodes them, and nothing is stored: listings
(the resident's dashboard and Oscar's staff dashboard), logos and banners,
Wagtail images. The bomb is a real 17 KB PNG of 12000 x 12000 pixels."""

import io
import struct

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from oscar.core.loading import get_class
from PIL import Image as PILImage
from wagtail.images import get_image_model

from catalogue.kinds import PHYSICAL
from catalogue.models import Product, ProductImage
from market.dashboard_forms import ProductImageForm
from market.uploads import check_image
from tests.images import bomb_png

pytestmark = pytest.mark.django_db

BOMB = bomb_png(12_000, 12_000)


def _bomb(name="carpet.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, BOMB, content_type="image/png")


def _files(root) -> list:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


TOO_MANY_PIXELS = (
    "The picture is too large: at most %(limit)s million pixels "
    "(width × height) are accepted."
)


def _message(language: str = "en", limit: str = "40") -> str:
    with translation.override(language):
        return gettext(TOO_MANY_PIXELS) % {"limit": limit}


def test_the_bomb_is_small_on_disk_and_huge_in_pixels():
    width, height = struct.unpack(">II", BOMB[16:24])  # the PNG's header

    assert len(BOMB) < 20_000
    assert (width, height) == (12_000, 12_000)


def test_the_limit_is_exact_and_read_from_the_settings(settings):
    settings.MARKET_IMAGE_MAX_PIXELS = 5_000

    accepted = check_image(SimpleUploadedFile("a.png", bomb_png(100, 50)))
    with pytest.raises(ValidationError) as refused:
        check_image(SimpleUploadedFile("b.png", bomb_png(100, 51)))

    assert accepted.content_type == "image/png"
    assert refused.value.code == "too_many_pixels"


def test_pillow_refuses_bombs_anywhere_as_a_backstop(settings):
    assert PILImage.MAX_IMAGE_PIXELS == settings.MARKET_IMAGE_MAX_PIXELS == 40_000_000
    with pytest.raises(PILImage.DecompressionBombError):
        PILImage.open(io.BytesIO(BOMB))


def test_a_listing_picture_bomb_is_refused(client, owner, catalogue, settings):
    client.force_login(owner)
    products_before = Product.objects.count()

    with translation.override("en"):
        response = client.post(
            reverse("resident_dashboard:create", kwargs={"kind": "service"}),
            {
                "title": "Studiya",
                "category": catalogue["category"].pk,
                "price": "40.00",
                "image": _bomb(),
            },
        )

    assert response.status_code == 400
    assert response.context["form"].errors["image"] == [
        _message(response.wsgi_request.LANGUAGE_CODE)
    ]
    assert Product.objects.count() == products_before
    assert ProductImage.objects.count() == 0
    assert _files(settings.MEDIA_ROOT) == []


@pytest.mark.parametrize("field", ["logo", "banner"])
def test_a_logo_or_banner_bomb_is_refused(client, owner, resident, settings, field):
    client.force_login(owner)

    with translation.override("en"):
        response = client.post(
            reverse("resident_dashboard:profile"),
            {"display_name": "Xalça Atelier", field: _bomb()},
        )

    resident.refresh_from_db()
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [
        _message(response.wsgi_request.LANGUAGE_CODE)
    ]
    assert (resident.logo.name, resident.banner.name) == ("", "")
    assert _files(settings.MEDIA_ROOT) == []


def test_oscars_dashboard_product_images_refuse_a_bomb(catalogue, staff, settings):
    """Oscar's staff dashboard builds its image formset from the class our
    loader hands out; the formset the product page posts to refuses it."""
    formset_class = get_class("dashboard.catalogue.formsets", "ProductImageFormSet")
    product = catalogue[PHYSICAL]
    data = {
        "images-TOTAL_FORMS": "1",
        "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "1000",
        "images-0-display_order": "0",
        "images-0-caption": "",
    }

    with translation.override("en"):
        formset = formset_class(
            product.product_class,
            staff,
            data,
            {"images-0-original": _bomb()},
            instance=product,
        )
        valid = formset.is_valid()

    assert issubclass(formset.form, ProductImageForm)
    assert valid is False
    assert formset.errors[0]["original"] == [_message()]
    assert product.images.count() == 0
    assert _files(settings.MEDIA_ROOT) == []


def test_oscars_dashboard_refuses_a_picture_just_over_the_limit(staff, settings):
    settings.MARKET_IMAGE_MAX_PIXELS = 5_000
    form = ProductImageForm(
        data={"images-0-display_order": "0"},
        files={"images-0-original": SimpleUploadedFile("a.png", bomb_png(100, 51))},
        prefix="images-0",
    )

    with translation.override("en"):
        assert form.is_valid() is False
        assert form.errors["original"] == [_message("en", limit="0.005")]


def test_a_wagtail_image_bomb_is_refused(client, staff, settings):
    client.force_login(staff)
    images_before = get_image_model().objects.count()

    with translation.override("en"):
        response = client.post(
            "/cms/images/add/", {"title": "Bomb", "file": _bomb(), "collection": 1}
        )

    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert "40000000" in str(response.context["form"].errors["file"])
    assert get_image_model().objects.count() == images_before
    assert _files(settings.MEDIA_ROOT) == []
