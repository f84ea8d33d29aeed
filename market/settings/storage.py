"""Where uploaded files live, as STORAGES entries: local folders (the embedded
default) or two buckets of an S3-compatible object store.

Two buckets, not one bucket with two prefixes: the public bucket is readable
by anyone (a bucket policy, or public-read ACLs on providers without
policies), the private one by nobody but the application's key. A public
grant is then never one prefix away from the files buyers pay for, and each
bucket can have its own lifecycle, versioning and backup.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

LOCAL_MEDIA = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
LOCAL_PRIVATE = {"BACKEND": "market.storage.LocalPrivateStorage"}
S3_BACKEND = "storages.backends.s3.S3Storage"


def media_storages(
    *,
    public_bucket: str,
    private_bucket: str,
    endpoint_url: str = "",
    region_name: str = "",
    access_key: str = "",
    secret_key: str = "",
    custom_domain: str = "",
    public_acl: str = "",
    addressing_style: str = "",
    signed_url_seconds: int = 60,
) -> dict:
    """STORAGES' "default" (public media) and "private" (files sold) entries.

    With no bucket named, both are local folders (MEDIA_ROOT and
    PRIVATE_MEDIA_ROOT). Naming one bucket and not the other, or the same
    bucket twice, is refused (ImproperlyConfigured) at start-up."""
    if not public_bucket and not private_bucket:
        return {"default": LOCAL_MEDIA, "private": LOCAL_PRIVATE}
    if not (public_bucket and private_bucket):
        raise ImproperlyConfigured(
            "Object storage needs two buckets: set both MARKET_S3_BUCKET "
            "(public media) and MARKET_S3_PRIVATE_BUCKET (files sold), or neither."
        )
    if public_bucket == private_bucket:
        raise ImproperlyConfigured(
            "MARKET_S3_PRIVATE_BUCKET must not be MARKET_S3_BUCKET: the public "
            "bucket is readable by anyone."
        )
    connection = {
        "endpoint_url": endpoint_url or None,
        "region_name": region_name or None,
        "access_key": access_key or None,
        "secret_key": secret_key or None,
        "addressing_style": addressing_style or None,
        "signature_version": "s3v4",
        # Django's local storage never replaces a file by a new one of the same
        # name; neither do the buckets (a second "photo.jpg" gets a suffix).
        "file_overwrite": False,
    }
    public = {
        **connection,
        "bucket_name": public_bucket,
        "custom_domain": custom_domain or None,
        # Plain, stable URLs: pages and the page cache keep them.
        "querystring_auth": False,
        "default_acl": public_acl or None,
    }
    private = {
        **connection,
        "bucket_name": private_bucket,
        # No ACL header: an S3 object is private unless a grant or a policy
        # says otherwise (and buckets with ACLs disabled refuse other ACLs).
        "default_acl": None,
        "querystring_auth": True,
        "querystring_expire": signed_url_seconds,
    }
    return {
        "default": {"BACKEND": S3_BACKEND, "OPTIONS": public},
        "private": {"BACKEND": S3_BACKEND, "OPTIONS": private},
    }


def media_origins(
    *,
    public_bucket: str,
    endpoint_url: str = "",
    region_name: str = "",
    custom_domain: str = "",
) -> list[str]:
    """The origins public media are served from, for the CSP's img-src (empty
    for local media, which is served by the site itself)."""
    if not public_bucket:
        return []
    if custom_domain:
        return [f"https://{custom_domain}"]
    if endpoint_url:
        parts = urlsplit(endpoint_url)
        # Path-style (host/bucket/key) or virtual-hosted (bucket.host/key).
        return [
            f"{parts.scheme}://{parts.netloc}",
            f"{parts.scheme}://{public_bucket}.{parts.netloc}",
        ]
    region = f".{region_name}" if region_name else ""
    return list(
        dict.fromkeys(
            [
                f"https://{public_bucket}.s3.amazonaws.com",
                f"https://{public_bucket}.s3{region}.amazonaws.com",
            ]
        )
    )
