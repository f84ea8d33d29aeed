"""Uploaded files on S3-compatible object storage (a real HTTP server, moto's,
in a subprocess: tests/s3_server.py): public media in the public bucket under
plain URLs, the files sold in the private bucket, thumbnails and Wagtail
renditions made from and into the bucket; and the settings that choose."""

import io
from urllib.parse import quote

import pytest
from botocore.exceptions import ClientError
from django.core.exceptions import ImproperlyConfigured
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.images.models import Image as WagtailImage

from catalogue.images import card_picture
from catalogue.kinds import DIGITAL, PHYSICAL
from catalogue.models import DigitalFile, ProductImage
from market.settings.storage import LOCAL_MEDIA, media_origins, media_storages
from tests.s3_server import (  # noqa: F401 (fixtures)
    PRIVATE_BUCKET,
    PUBLIC_BUCKET,
    http_get,
    media_buckets,
    object_storage,
    s3_client,
    s3_endpoint,
)

WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(range(256)) * 2


def _png(width: int = 400, height: int = 300) -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (width, height), (200, 40, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def _local_files(settings) -> list:
    return [
        path
        for root in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT)
        for path in root.rglob("*")
    ]


def _key_exists(client, bucket: str, key: str) -> bool:
    try:
        client.head_object(Bucket=bucket, Key=key)
    except ClientError as error:
        if error.response["Error"]["Code"] == "404":
            return False
        raise
    return True


@pytest.mark.django_db
def test_a_product_image_is_served_from_the_public_bucket_by_a_plain_url(
    object_storage,  # noqa: F811
    s3_client,  # noqa: F811
    s3_endpoint,  # noqa: F811
    catalogue,
    settings,
):
    png = _png()

    image = ProductImage.objects.create(
        product=catalogue[PHYSICAL],
        original=SimpleUploadedFile("xalca.png", png, content_type="image/png"),
    )

    name = image.original.name
    assert s3_client.get_object(Bucket=PUBLIC_BUCKET, Key=name)["Body"].read() == png
    assert not _key_exists(s3_client, PRIVATE_BUCKET, name)
    assert image.original.url == f"{s3_endpoint}/{PUBLIC_BUCKET}/{quote(name)}"
    status, body, headers = http_get(image.original.url)
    assert (status, body) == (200, png)
    assert headers["Content-Type"] == "image/png"
    assert _local_files(settings) == []


@pytest.mark.django_db
def test_a_second_upload_of_the_same_name_keeps_the_first(
    object_storage,  # noqa: F811
    s3_client,  # noqa: F811
    catalogue,
):
    first_png, second_png = _png(40, 30), _png(50, 30)
    first = ProductImage.objects.create(
        product=catalogue[PHYSICAL], original=SimpleUploadedFile("same.png", first_png)
    )

    second = ProductImage.objects.create(
        product=catalogue[DIGITAL], original=SimpleUploadedFile("same.png", second_png)
    )

    assert first.original.name != second.original.name
    for image, png in ((first, first_png), (second, second_png)):
        stored = s3_client.get_object(Bucket=PUBLIC_BUCKET, Key=image.original.name)
        assert stored["Body"].read() == png


@pytest.mark.django_db
def test_a_residents_digital_file_goes_to_the_private_bucket_only(
    object_storage,  # noqa: F811
    s3_client,  # noqa: F811
    s3_endpoint,  # noqa: F811
    client,
    owner,
    catalogue,
    settings,
):
    product = catalogue[DIGITAL]
    client.force_login(owner)
    upload = SimpleUploadedFile("mugam.wav", WAV, content_type="audio/x-wav")

    response = client.post(
        reverse("resident_dashboard:files", kwargs={"pk": product.pk}), {"file": upload}
    )

    assert response.status_code == 302
    stored = DigitalFile.objects.get()
    key = stored.file.name
    assert key.startswith("digital/")
    assert key.endswith(".wav")
    head = s3_client.head_object(Bucket=PRIVATE_BUCKET, Key=key)
    assert head["ContentLength"] == len(WAV)
    assert s3_client.get_object(Bucket=PRIVATE_BUCKET, Key=key)["Body"].read() == WAV
    assert not _key_exists(s3_client, PUBLIC_BUCKET, key)
    assert _local_files(settings) == []
    # Its plain URL, without a signature, is refused by the store.
    status, body, _headers = http_get(f"{s3_endpoint}/{PRIVATE_BUCKET}/{key}")
    assert status == 403
    assert WAV not in body


@pytest.mark.django_db
def test_a_card_thumbnail_is_made_into_the_public_bucket(
    object_storage,  # noqa: F811
    s3_client,  # noqa: F811
    s3_endpoint,  # noqa: F811
    catalogue,
    settings,
):
    image = ProductImage.objects.create(
        product=catalogue[PHYSICAL], original=SimpleUploadedFile("card.png", _png())
    )

    picture = card_picture(image.original)

    assert (picture.width, picture.height) == (320, 240)
    assert picture.src.startswith(f"{s3_endpoint}/{PUBLIC_BUCKET}/cache/")
    status, body, _headers = http_get(picture.src)
    assert status == 200
    thumbnail = PillowImage.open(io.BytesIO(body))
    assert (thumbnail.format, thumbnail.size) == ("WEBP", (320, 240))
    key = picture.src.removeprefix(f"{s3_endpoint}/{PUBLIC_BUCKET}/")
    assert _key_exists(s3_client, PUBLIC_BUCKET, key)
    assert _local_files(settings) == []


@pytest.mark.django_db
def test_a_wagtail_rendition_is_made_into_the_public_bucket(
    object_storage,  # noqa: F811
    s3_client,  # noqa: F811
    s3_endpoint,  # noqa: F811
    settings,
):
    image = WagtailImage.objects.create(
        title="Banner", file=ImageFile(io.BytesIO(_png()), name="banner.png")
    )

    rendition = image.get_rendition("width-100")

    assert _key_exists(s3_client, PUBLIC_BUCKET, image.file.name)
    assert rendition.url.startswith(f"{s3_endpoint}/{PUBLIC_BUCKET}/images/")
    status, body, _headers = http_get(rendition.url)
    assert status == 200
    assert PillowImage.open(io.BytesIO(body)).size == (100, 75)
    assert _local_files(settings) == []


def test_without_buckets_files_stay_in_the_local_folders():
    assert media_storages(public_bucket="", private_bucket="") == {
        "default": LOCAL_MEDIA,
        "private": {"BACKEND": "market.storage.LocalPrivateStorage"},
    }
    assert media_origins(public_bucket="") == []


@pytest.mark.parametrize(
    ("public", "private"),
    [("media", ""), ("", "private"), ("same", "same")],
)
def test_half_or_shared_bucket_settings_are_refused(public, private):
    with pytest.raises(ImproperlyConfigured):
        media_storages(public_bucket=public, private_bucket=private)


def test_the_two_buckets_are_public_and_private():
    storages = media_storages(
        public_bucket="media",
        private_bucket="sold",
        endpoint_url="https://s3.example.az",
        custom_domain="media.example.az",
        signed_url_seconds=45,
    )

    public, private = storages["default"], storages["private"]
    assert public["BACKEND"] == private["BACKEND"] == "storages.backends.s3.S3Storage"
    assert (public["OPTIONS"]["bucket_name"], private["OPTIONS"]["bucket_name"]) == (
        "media",
        "sold",
    )
    assert public["OPTIONS"]["querystring_auth"] is False
    assert public["OPTIONS"]["custom_domain"] == "media.example.az"
    assert private["OPTIONS"]["querystring_auth"] is True
    assert private["OPTIONS"]["querystring_expire"] == 45
    assert "custom_domain" not in private["OPTIONS"]
    assert private["OPTIONS"]["default_acl"] is None
    assert public["OPTIONS"]["file_overwrite"] is private["OPTIONS"]["file_overwrite"]
    assert public["OPTIONS"]["file_overwrite"] is False


def test_media_origins_for_the_csp():
    assert media_origins(public_bucket="m", custom_domain="cdn.example.az") == [
        "https://cdn.example.az"
    ]
    assert media_origins(public_bucket="m", endpoint_url="https://s3.example.az") == [
        "https://s3.example.az",
        "https://m.s3.example.az",
    ]
    assert media_origins(public_bucket="m", region_name="eu-central-1") == [
        "https://m.s3.amazonaws.com",
        "https://m.s3.eu-central-1.amazonaws.com",
    ]
