"""An order with a digital line (a licence variant whose parent has two files)
and a physical line, placed by `buyer`."""

import pytest
from django.core.files.base import ContentFile
from oscar.test.factories import OrderFactory, OrderLineFactory

from catalogue.kinds import DIGITAL, PHYSICAL
from catalogue.models import DigitalFile

WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(range(256)) * 4
ZIP = b"PK\x03\x04" + b"stems" * 100


def add_digital_file(product, name: str, content: bytes, extension: str, mime: str):
    """A file of `product` stored in PRIVATE_MEDIA_ROOT, as the dashboard stores it."""
    digital_file = DigitalFile(
        product=product,
        original_name=name,
        extension=extension,
        content_type=mime,
        size=len(content),
    )
    digital_file.file.save("upload", ContentFile(content), save=False)
    digital_file.save()
    return digital_file


def place_order(user, resident, *products):
    """An order of `user` with one line per product, sold by `resident`."""
    order = OrderFactory(user=user)
    for product in products:
        OrderLineFactory(
            order=order, product=product, partner=resident.partner, title=product.title
        )
    return order


@pytest.fixture
def wav_file(catalogue):
    return add_digital_file(
        catalogue[DIGITAL], "Muğam nümunələri.wav", WAV, ".wav", "audio/x-wav"
    )


@pytest.fixture
def zip_file(catalogue):
    return add_digital_file(
        catalogue[DIGITAL], "stems.zip", ZIP, ".zip", "application/zip"
    )


@pytest.fixture
def variant(catalogue):
    """The Personal licence of the digital product: what a buyer puts in a basket."""
    return catalogue[DIGITAL].children.get()


@pytest.fixture
def order(buyer, resident, catalogue, variant, wav_file):
    return place_order(buyer, resident, variant, catalogue[PHYSICAL])


@pytest.fixture
def digital_line(order, variant):
    return order.lines.get(product=variant)
