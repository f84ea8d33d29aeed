"""Downloads when the files sold live in a private bucket (a real
S3-compatible HTTP server, moto's, in a subprocess: tests/s3_server.py).

The buyer's link keeps every check it has on local disk, then answers with a
redirect to a link signed for MARKET_DOWNLOAD_SIGNED_URL_SECONDS, which the
store serves as an attachment under the original name. moto serves signed
links without checking their signature or expiry, so those two refusals are
checked as S3 checks them (`presigned_refusal`); the refusal of the object's
unsigned URL is moto's own.
"""

import time
from datetime import UTC, datetime, timedelta
from unittest import mock
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from market.downloads.models import DownloadGrant, Refusal
from market.downloads.services import download_grants_create
from market.downloads.signing import download_url
from tests.s3_server import (  # noqa: F401 (fixtures)
    PRIVATE_BUCKET,
    PUBLIC_BUCKET,
    SECRET_KEY,
    http_get,
    media_buckets,
    object_storage,
    presigned_refusal,
    s3_client,
    s3_endpoint,
)

from .conftest import WAV

pytestmark = pytest.mark.django_db

DISPOSITION = "attachment; filename*=utf-8''Mu%C4%9Fam%20n%C3%BCmun%C9%99l%C9%99ri.wav"


@pytest.fixture
def grant(object_storage, order):  # noqa: F811 (the file goes to the bucket)
    (grant,) = download_grants_create(order=order)
    return grant


def count(grant: DownloadGrant) -> int:
    grant.refresh_from_db()
    return grant.download_count


def _fields(url: str) -> dict:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def _signed_at(url: str) -> datetime:
    return datetime.strptime(_fields(url)["X-Amz-Date"], "%Y%m%dT%H%M%SZ").replace(
        tzinfo=UTC
    )


def _download(client, buyer, grant):
    client.force_login(buyer)
    return client.get(download_url(grant=grant))


def test_the_file_is_in_the_private_bucket_only(grant, s3_client, settings):  # noqa: F811
    name = grant.digital_file.file.name

    stored = s3_client.get_object(Bucket=PRIVATE_BUCKET, Key=name)

    assert stored["Body"].read() == WAV
    assert name.startswith("digital/")
    assert s3_client.list_objects_v2(Bucket=PUBLIC_BUCKET, Prefix="digital/")[
        "KeyCount"
    ] == (0)
    acl = s3_client.get_object_acl(Bucket=PRIVATE_BUCKET, Key=name)
    assert [grant_["Permission"] for grant_ in acl["Grants"]] == ["FULL_CONTROL"]
    assert acl["Grants"][0]["Grantee"]["Type"] == "CanonicalUser"
    assert not any(settings.PRIVATE_MEDIA_ROOT.rglob("*"))
    assert not any(settings.MEDIA_ROOT.rglob("*"))


def test_the_unsigned_url_of_a_sold_file_is_refused(grant, s3_endpoint):  # noqa: F811
    url = f"{s3_endpoint}/{PRIVATE_BUCKET}/{quote(grant.digital_file.file.name)}"

    status, body, _headers = http_get(url)

    assert status == 403
    assert WAV not in body


def test_the_buyer_is_sent_to_a_short_lived_signed_link(
    client,
    buyer,
    grant,
    s3_endpoint,  # noqa: F811
):
    before = datetime.now(UTC).replace(microsecond=0)

    response = _download(client, buyer, grant)

    after = datetime.now(UTC)
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    assert count(grant) == 1
    link = response["Location"]
    parts = urlsplit(link)
    assert f"{parts.scheme}://{parts.netloc}" == s3_endpoint
    assert parts.path == f"/{PRIVATE_BUCKET}/{grant.digital_file.file.name}"
    fields = _fields(link)
    assert fields["X-Amz-Algorithm"] == "AWS4-HMAC-SHA256"
    assert fields["X-Amz-Expires"] == "60"
    assert fields["X-Amz-SignedHeaders"] == "host"
    assert fields["response-content-disposition"] == DISPOSITION
    assert fields["response-content-type"] == "audio/x-wav"
    assert fields["response-cache-control"] == "private, no-store"
    assert before <= _signed_at(link) <= after

    status, body, headers = http_get(link)

    assert (status, body) == (200, WAV)
    assert headers["Content-Disposition"] == DISPOSITION
    assert headers["Content-Type"] == "audio/x-wav"
    assert headers["Cache-Control"] == "private, no-store"
    assert count(grant) == 1  # fetching the file counts nothing more


def test_the_signed_link_expires_after_its_lifetime(client, buyer, grant, settings):
    settings.MARKET_DOWNLOAD_SIGNED_URL_SECONDS = 5
    link = _download(client, buyer, grant)["Location"]
    signed_at = _signed_at(link)

    def refusal(seconds_later: int) -> str | None:
        at = signed_at + timedelta(seconds=seconds_later)
        return presigned_refusal(link, secret_key=SECRET_KEY, at=at)

    assert _fields(link)["X-Amz-Expires"] == "5"
    assert refusal(0) is None
    assert refusal(5) is None
    assert refusal(6) == "Request has expired"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("response-content-disposition", "inline"),
        ("response-content-type", "text/html"),
        ("X-Amz-Expires", "604800"),
    ],
)
def test_an_altered_signed_link_fails_its_signature(client, buyer, grant, field, value):
    link = _download(client, buyer, grant)["Location"]
    original = _fields(link)[field]
    altered = link.replace(f"{field}={quote(original, safe='')}", f"{field}={value}")

    assert altered != link
    assert presigned_refusal(altered, secret_key=SECRET_KEY, at=_signed_at(link)) == (
        "SignatureDoesNotMatch"
    )


def _assert_refused(response, status: int, reason: Refusal) -> None:
    assert response.status_code == status
    assert response.context["reason"] == reason
    assert not response.has_header("Location")
    assert PRIVATE_BUCKET not in response.content.decode()


def test_a_used_up_grant_sends_no_link_and_counts_nothing(client, buyer, grant):
    DownloadGrant.objects.filter(pk=grant.pk).update(
        download_count=grant.download_limit
    )

    response = _download(client, buyer, grant)

    _assert_refused(response, 410, Refusal.LIMIT_REACHED)
    assert count(grant) == grant.download_limit


def test_an_expired_download_link_sends_no_link_and_counts_nothing(
    client, buyer, grant, settings
):
    settings.MARKET_DOWNLOAD_LINK_MAX_AGE = 3600
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 3601):
        url = download_url(grant=grant)
    client.force_login(buyer)

    response = client.get(url)

    _assert_refused(response, 410, Refusal.EXPIRED)
    assert count(grant) == 0


def test_a_file_gone_from_the_bucket_sends_no_link_and_counts_nothing(
    client,
    buyer,
    grant,
    s3_client,  # noqa: F811
):
    s3_client.delete_object(Bucket=PRIVATE_BUCKET, Key=grant.digital_file.file.name)

    response = _download(client, buyer, grant)

    _assert_refused(response, 410, Refusal.FILE_REMOVED)
    assert count(grant) == 0
