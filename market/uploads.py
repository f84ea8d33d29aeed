"""Checks on uploaded files, by their content, never by their names.

A file is accepted only when its bytes say it is one of the allowed types and
it is within the size limit of its kind (settings.MARKET_UPLOAD_LIMITS). The
stored name is always random, with the extension of the detected type, so a
double extension or a path in the name changes nothing. A picture must also
have at most settings.MARKET_IMAGE_MAX_PIXELS pixels, read from its header
before anything decodes it.
"""

import warnings
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image

IMAGE_TYPES = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp"}
DIGITAL_TYPES = {
    **IMAGE_TYPES,
    "audio/x-wav": ".wav",
    "audio/mpeg": ".mp3",
    "audio/x-flac": ".flac",
    "audio/ogg": ".ogg",
    "video/mp4": ".mp4",
    "application/zip": ".zip",
    "application/pdf": ".pdf",
    "application/font-woff": ".woff",
    "application/font-sfnt": ".ttf",
}


@dataclass(frozen=True)
class CheckedUpload:
    content_type: str
    extension: str
    size: int


def _check_size(upload: UploadedFile, kind: str) -> None:
    limit = settings.MARKET_UPLOAD_LIMITS[kind]
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large: at most %(limit)s.")
            % {"limit": filesizeformat(limit)},
            code="too_large",
        )


def _detect(upload: UploadedFile, allowed: dict[str, str]) -> CheckedUpload:
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in allowed:
        raise ValidationError(
            _("This type of file is not accepted. Accepted: %(types)s.")
            % {"types": ", ".join(sorted(set(allowed.values())))},
            code="file_type",
        )
    return CheckedUpload(kind.mime, allowed[kind.mime], upload.size)


def too_many_pixels_error() -> ValidationError:
    return ValidationError(
        _(
            "The picture is too large: at most %(limit)s million pixels "
            "(width × height) are accepted."
        )
        % {"limit": f"{settings.MARKET_IMAGE_MAX_PIXELS / 1_000_000:g}"},
        code="too_many_pixels",
    )


def check_pixels(upload) -> None:
    """Refuse a picture of more than MARKET_IMAGE_MAX_PIXELS pixels, reading
    only its header: a PNG of a few kilobytes can decode into gigabytes, so
    its size is checked before anything decodes it (thumbnails, verify)."""
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow warns (or refuses) above its own limit: ours decides.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                width, height = image.size
                frames = getattr(image, "n_frames", 1)
    except Image.DecompressionBombError as error:
        raise too_many_pixels_error() from error
    except Exception as error:
        raise ValidationError(_("The picture is damaged."), code="damaged") from error
    finally:
        upload.seek(0)
    if width * height * max(frames, 1) > settings.MARKET_IMAGE_MAX_PIXELS:
        raise too_many_pixels_error()


def _verify_picture(upload: UploadedFile) -> None:
    check_pixels(upload)
    try:
        with Image.open(upload) as image:
            image.verify()
    except Exception as error:
        raise ValidationError(_("The picture is damaged."), code="damaged") from error
    finally:
        upload.seek(0)


def check_image(upload: UploadedFile) -> CheckedUpload:
    """A JPEG, PNG or WebP picture that Pillow can decode, within the limit."""
    _check_size(upload, "image")
    checked = _detect(upload, IMAGE_TYPES)
    _verify_picture(upload)
    return checked


def check_digital_file(upload: UploadedFile) -> CheckedUpload:
    """Audio, video, archive, PDF, font or picture, within the limit."""
    _check_size(upload, "digital")
    checked = _detect(upload, DIGITAL_TYPES)
    if checked.content_type in IMAGE_TYPES:
        _verify_picture(upload)
    return checked


ATTACHMENT_TYPES = {**IMAGE_TYPES, "application/pdf": ".pdf"}


def check_attachment(upload: UploadedFile) -> CheckedUpload:
    """A photo (JPEG, PNG, WebP) or a PDF attached to a message, within the
    limit; a picture must decode within the pixel limit."""
    _check_size(upload, "attachment")
    checked = _detect(upload, ATTACHMENT_TYPES)
    if checked.content_type in IMAGE_TYPES:
        _verify_picture(upload)
    return checked
