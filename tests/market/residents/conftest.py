import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from oscar.test.factories import OrderFactory, OrderLineFactory
from PIL import Image

from catalogue.kinds import PHYSICAL
from tests.factories import ProductFactory


def png_bytes(size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def png_upload(name="picture.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


@pytest.fixture
def other_product(other_resident):
    return ProductFactory(
        resident=other_resident,
        kind=PHYSICAL,
        title="Nərd taxtası",
        price=Decimal("80"),
    )


def order_line(resident, product):
    """An order line of `resident`'s product, in an order of its own."""
    order = OrderFactory()
    return OrderLineFactory(order=order, product=product, partner=resident.partner)
