"""Hostile uploads are refused and write nothing; hostile HTML renders inert."""

from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalogue.kinds import DIGITAL
from catalogue.models import DigitalFile, Product

from .conftest import png_bytes

pytestmark = pytest.mark.django_db

SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" '
    b'onload="alert(1)"><script>alert(1)</script></svg>'
)
HOSTILE_UPLOADS = {
    "wrong magic bytes": ("carpet.png", b"MZ\x90\x00 this is an executable" * 10),
    "double extension": ("carpet.png.exe", b"MZ\x90\x00\x03\x00\x00\x00" * 10),
    "svg with script": ("carpet.svg", SVG_WITH_SCRIPT),
    "html as png": ("carpet.png", b"<html><script>alert(1)</script></html>"),
    "path traversal name": ("../../../etc/passwd", b"root:x:0:0:root:/root:/bin/sh\n"),
    "truncated png": ("carpet.png", png_bytes()[:40]),
}


def _files(root) -> list:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.mark.parametrize("case", sorted(HOSTILE_UPLOADS))
def test_hostile_pictures_are_refused_and_nothing_is_written(
    client, owner, catalogue, settings, case
):
    name, content = HOSTILE_UPLOADS[case]
    client.force_login(owner)
    products_before = Product.objects.count()

    response = client.post(
        reverse("resident_dashboard:create", kwargs={"kind": "service"}),
        {
            "title": "Studiya",
            "category": catalogue["category"].pk,
            "price": "40.00",
            "image": SimpleUploadedFile(name, content),
        },
    )

    assert response.status_code == 400
    assert "image" in response.context["form"].errors
    assert Product.objects.count() == products_before
    assert _files(settings.MEDIA_ROOT) == []


@pytest.mark.parametrize("case", sorted(HOSTILE_UPLOADS))
def test_hostile_digital_files_are_refused_and_nothing_is_written(
    client, owner, catalogue, settings, case
):
    name, content = HOSTILE_UPLOADS[case]
    client.force_login(owner)

    response = client.post(
        reverse("resident_dashboard:files", kwargs={"pk": catalogue[DIGITAL].pk}),
        {"file": SimpleUploadedFile(name, content)},
    )

    assert response.status_code == 400
    assert DigitalFile.objects.count() == 0
    assert _files(settings.PRIVATE_MEDIA_ROOT) == []


def test_oversized_files_are_refused(client, owner, catalogue, settings):
    settings.MARKET_UPLOAD_LIMITS = {"image": 100, "digital": 100}
    client.force_login(owner)

    picture = client.post(
        reverse("resident_dashboard:profile"),
        {
            "display_name": "Xalça Atelier",
            "logo": SimpleUploadedFile("logo.png", png_bytes((300, 300))),
        },
    )
    archive = client.post(
        reverse("resident_dashboard:files", kwargs={"pk": catalogue[DIGITAL].pk}),
        {"file": SimpleUploadedFile("pack.zip", b"PK\x03\x04" + bytes(500))},
    )

    assert (picture.status_code, archive.status_code) == (400, 400)
    assert "100" in str(picture.context["form"].errors["logo"])
    assert _files(settings.MEDIA_ROOT) == []
    assert _files(settings.PRIVATE_MEDIA_ROOT) == []


HOSTILE_HTML = [
    '<script>alert("x")</script>',
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<svg onload="alert(1)"><circle r="10"/></svg>',
    '<p onclick="alert(1)" style="x:expression(alert(1))">Hi</p>',
    "<iframe src=\"https://evil.example\"></iframe><object data='x'></object>",
]


@pytest.mark.parametrize("payload", HOSTILE_HTML)
def test_hostile_description_and_bio_render_inert(
    client, owner, staff, resident, catalogue, payload
):
    client.force_login(owner)
    client.post(
        reverse("resident_dashboard:create", kwargs={"kind": "service"}),
        {
            "title": f"Studiya {payload}",
            "description": f"<p>Yaxşı səs</p>{payload}",
            "description_en": f"<p>Good sound</p>{payload}",
            "description_ru": f"<p>Хороший звук</p>{payload}",
            "category": catalogue["category"].pk,
            "price": "40.00",
        },
    )
    client.post(
        reverse("resident_dashboard:profile"),
        {"display_name": "Xalça Atelier", "bio": f"<p>Bio</p>{payload}"},
    )
    product = Product.objects.get(title__startswith="Studiya")
    client.force_login(staff)
    client.post(reverse("listing_decide", args=[product.pk]), {"decision": "approve"})
    client.logout()
    product_url = product.get_absolute_url()  # a page in /en/ leaves English on

    pages = [
        client.get(product_url).content.decode().lower(),
        client.get(resident.get_absolute_url()).content.decode().lower(),
        client.get(f"/en{product_url}").content.decode().lower(),
        client.get(f"/ru{product_url}").content.decode().lower(),
    ]

    for html in pages:
        assert _active_content(html) == []
    assert "yaxşı səs" in pages[0]
    assert "good sound" in pages[2]
    assert "хороший звук" in pages[3]


class _ActiveContent(HTMLParser):
    """Collects what a browser would run from the payloads: script bodies,
    event handlers and javascript: URLs that mention alert, embedding tags."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        # The site's own icons are inline SVG, hidden from assistive tech.
        own_icon = tag == "svg" and ("class", "icon") in attrs
        if tag in ("iframe", "object", "embed", "svg", "math") and not own_icon:
            self.found.append(tag)
        self._in_script = tag == "script"
        for name, value in attrs:
            value = (value or "").lower()
            if name.startswith("on") and "alert" in value:
                self.found.append(f"{tag}[{name}]")
            if name in ("href", "src", "data") and value.strip().startswith(
                "javascript:"
            ):
                self.found.append(f"{tag}[{name}]")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert" in data:
            self.found.append("script")


def _active_content(html: str) -> list[str]:
    parser = _ActiveContent()
    parser.feed(html)
    return parser.found
