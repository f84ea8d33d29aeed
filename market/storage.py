"""The storage of files sold as digital products, and the short-lived links
that let a buyer fetch one straight from object storage.

STORAGES["private"] names it (market/settings/storage.py): a folder outside
MEDIA_ROOT by default, a private S3 bucket in production. `DigitalFile.file`
holds a `PrivateStorage`, which looks that entry up when first used (as
Django's `default_storage` does for "default"), so settings decide, not a
migration.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.signals import setting_changed
from django.utils.functional import LazyObject, empty
from django.utils.http import content_disposition_header

PRIVATE_ALIAS = "private"


class LocalPrivateStorage(FileSystemStorage):
    """Storage in PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT and with no URL: files
    leave it only through a view that checks who asks. The folder is read from
    settings at each use."""

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private files have no URL.")


def private_storage() -> Storage:
    """STORAGES["private"], or the local folder where settings name none."""
    if PRIVATE_ALIAS in settings.STORAGES:
        return storages[PRIVATE_ALIAS]
    return LocalPrivateStorage()


class PrivateStorage(LazyObject):
    """`private_storage()`, looked up at first use and again after a change
    of STORAGES or PRIVATE_MEDIA_ROOT (tests change them)."""

    def __init__(self):
        super().__init__()
        _instances.append(self)

    def _setup(self):
        self._wrapped = private_storage()

    def deconstruct(self):
        # Migrations name this class, never the backend settings chose.
        return ("market.storage.PrivateStorage", (), {})


# The model field's instance and those of migration states: a handful.
_instances: list[PrivateStorage] = []


def _forget_private_storage(*, setting, **kwargs):
    if setting in ("STORAGES", "PRIVATE_MEDIA_ROOT"):
        for storage in _instances:
            storage._wrapped = empty


setting_changed.connect(_forget_private_storage)


def signed_attachment_url(
    storage: Storage, name: str, *, filename: str, content_type: str, seconds: int
) -> str | None:
    """A link to `name` in `storage` that works for `seconds` and makes the
    browser save the file as `filename`; None when the storage signs no links
    (a local folder: the caller streams the file itself).

    The store answers with Content-Disposition, Content-Type and
    Cache-Control from the link (S3's response-* overrides), which the
    signature covers, so the link cannot be changed to serve it otherwise."""
    if not getattr(storage, "querystring_auth", False):
        return None
    # Imported here: only object storage needs boto3, and only when serving.
    from storages.backends.s3 import S3Storage

    if not isinstance(storage, S3Storage):
        return None
    return storage.url(
        name,
        parameters={
            "ResponseContentDisposition": content_disposition_header(
                as_attachment=True, filename=filename
            ),
            "ResponseContentType": content_type or "application/octet-stream",
            "ResponseCacheControl": "private, no-store",
        },
        expire=seconds,
    )
