"""An S3-compatible HTTP server for the tests: moto's server mode, in a
subprocess on a free port of 127.0.0.1, one per test module.

What moto enforces and what it does not (moto 5.2, read in
moto/s3/responses.py `_key_response` and checked by hand here):
- a GET without signature of an object whose ACL is private (the default):
  403; allowed when the bucket policy grants s3:GetObject to everyone;
- a GET with a query-string signature of an existing object: served, with the
  response-* overrides applied, WITHOUT checking the signature or the expiry.
  So `presigned_refusal` below checks a link as S3 does (AWS Signature V4,
  recomputed with botocore at the link's own time), for the tests of expiry
  and tampering.

`media_buckets` creates the two buckets as the README says to: the public one
readable by anyone through its bucket policy, the private one with no grant.
"""

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta
from email.message import Message
from pathlib import Path
from unittest import mock
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import boto3
import pytest
from botocore.auth import S3SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from market.settings.storage import media_storages

ACCESS_KEY = "market-test-key"
SECRET_KEY = "market-test-secret"  # noqa: S105 (moto's, not a secret)
REGION = "us-east-1"
PUBLIC_BUCKET = "market-media"
PRIVATE_BUCKET = "market-private"
MOTO_SERVER = Path(sys.executable).with_name("moto_server")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"moto_server exited with {process.returncode}")
        try:
            urllib.request.urlopen(f"{url}/moto-api/", timeout=1)  # noqa: S310
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise RuntimeError("moto_server did not answer within 30 s")


@pytest.fixture(scope="module")
def s3_endpoint():
    """The URL of a moto server of this module's own."""
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603
        [str(MOTO_SERVER), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def s3_client(s3_endpoint):
    return boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=REGION,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
    )


@pytest.fixture(scope="module")
def media_buckets(s3_client):
    s3_client.create_bucket(Bucket=PUBLIC_BUCKET)
    s3_client.create_bucket(Bucket=PRIVATE_BUCKET)
    s3_client.put_bucket_policy(
        Bucket=PUBLIC_BUCKET, Policy=json.dumps(public_read_policy(PUBLIC_BUCKET))
    )
    return PUBLIC_BUCKET, PRIVATE_BUCKET


def public_read_policy(bucket: str) -> dict:
    """The public bucket's policy (the README gives the same)."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicReadMedia",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/*",
            }
        ],
    }


@pytest.fixture
def object_storage(settings, s3_endpoint, media_buckets):
    """STORAGES as production builds them from MARKET_S3_BUCKET and
    MARKET_S3_PRIVATE_BUCKET, pointed at this module's moto server."""
    from django.utils.functional import empty
    from sorl.thumbnail import default as sorl_default

    settings.MARKET_DOWNLOAD_SIGNED_URL_SECONDS = 60
    settings.STORAGES = {
        **media_storages(
            public_bucket=PUBLIC_BUCKET,
            private_bucket=PRIVATE_BUCKET,
            endpoint_url=s3_endpoint,
            region_name=REGION,
            access_key=ACCESS_KEY,
            secret_key=SECRET_KEY,
            signed_url_seconds=60,
        ),
        "staticfiles": settings.STORAGES["staticfiles"],
    }
    # sorl keeps the storage it looked up first (Django resets its own).
    sorl_default.storage._wrapped = empty
    yield
    sorl_default.storage._wrapped = empty


def http_get(url: str) -> tuple[int, bytes, Message]:
    """GET `url` with no credentials, as a browser would: status, body and
    headers (looked up without regard to case)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers


def presigned_refusal(url: str, *, secret_key: str, at: datetime) -> str | None:
    """Why S3 would refuse the query-signed link `url` at `at`, or None.

    AWS Signature V4 query authentication: the link expires X-Amz-Expires
    seconds after X-Amz-Date, and X-Amz-Signature must be the HMAC of every
    other part of the link (path and query, response-* overrides included).
    The signature is recomputed by botocore's own signer, with its clock set
    to the link's X-Amz-Date (the one stand-in here)."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    fields = dict(query)
    signed_at = datetime.strptime(fields["X-Amz-Date"], "%Y%m%dT%H%M%SZ").replace(
        tzinfo=UTC
    )
    expires = int(fields["X-Amz-Expires"])
    if at > signed_at + timedelta(seconds=expires):
        return "Request has expired"
    access_key, _day, region, service, _end = fields["X-Amz-Credential"].split("/")
    unsigned = urlunsplit(
        parts._replace(
            query=urlencode(
                [(key, value) for key, value in query if not key.startswith("X-Amz-")],
                quote_via=quote,
            )
        )
    )
    request = AWSRequest(method="GET", url=unsigned)
    with mock.patch(
        "botocore.auth.get_current_datetime",
        return_value=signed_at.replace(tzinfo=None),
    ):
        S3SigV4QueryAuth(
            Credentials(access_key, secret_key), service, region, expires=expires
        ).add_auth(request)
    expected = dict(parse_qsl(urlsplit(request.url).query))["X-Amz-Signature"]
    if expected != fields["X-Amz-Signature"]:
        return "SignatureDoesNotMatch"
    return None
