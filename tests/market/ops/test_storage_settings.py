"""Production's storage settings, read from the environment by a process of
their own (settings are read once per process): local folders by default,
the two buckets when both are named, and the old DJANGO_MEDIA_STORAGE and
half-configured buckets refused at start-up."""

import pytest

from tests.market.test_production import PRODUCTION, _run

SHOW = (
    "import django; django.setup(); "
    "from django.conf import settings as s; "
    "from catalogue.models import DigitalFile; "
    "from django.core.files.storage import default_storage; "
    "private = DigitalFile._meta.get_field('file').storage; "
    "print(type(default_storage._wrapped).__name__, "
    "getattr(default_storage, 'bucket_name', '-')); "
    "print(type(private._wrapped).__name__, getattr(private, 'bucket_name', '-'), "
    "getattr(private, 'querystring_expire', '-')); "
    "print(s.STORAGES['staticfiles']['BACKEND']); "
    "print(' '.join(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))"
)
BUCKETS = {
    "MARKET_S3_BUCKET": "market-media",
    "MARKET_S3_PRIVATE_BUCKET": "market-private",
    "AWS_S3_ENDPOINT_URL": "https://s3.example.az",
    "AWS_S3_REGION_NAME": "eu-central-1",
    "AWS_ACCESS_KEY_ID": "key",
    "AWS_SECRET_ACCESS_KEY": "secret",
    "MARKET_DOWNLOAD_SIGNED_URL_SECONDS": "90",
}


def test_production_keeps_files_in_local_folders_by_default():
    result = _run(["-c", SHOW], PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "FileSystemStorage -",
        "LocalPrivateStorage - -",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "'self' data:",
    ]


def test_production_uses_the_two_buckets_when_both_are_named():
    result = _run(["-c", SHOW], {**PRODUCTION, **BUCKETS})

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "S3Storage market-media",
        "S3Storage market-private 90",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "'self' data: https://s3.example.az https://market-media.s3.example.az",
    ]


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"MARKET_S3_BUCKET": "market-media"}, "MARKET_S3_PRIVATE_BUCKET"),
        (
            {"MARKET_S3_BUCKET": "one", "MARKET_S3_PRIVATE_BUCKET": "one"},
            "must not be MARKET_S3_BUCKET",
        ),
        (
            {"DJANGO_MEDIA_STORAGE": "storages.backends.s3.S3Storage"},
            "DJANGO_MEDIA_STORAGE is replaced",
        ),
    ],
    ids=["one-bucket", "same-bucket", "old-variable"],
)
def test_production_refuses_unsafe_storage_settings(variables, message):
    result = _run(["manage.py", "check"], {**PRODUCTION, **variables})

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr
