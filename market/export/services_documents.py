"""Writes of export documents: the papers (an expert's certificate, a
certificate of origin) a resident attaches to one of their own physical
listings, which then travel with its parcels and are listed on the
commercial invoice.

A file is accepted by its content, never its name: a PDF, JPEG or PNG of at
most 10 MB, stored under a random name with the extension of what it is."""

from __future__ import annotations

import uuid

import filetype
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image

from catalogue.kinds import PHYSICAL
from catalogue.models import Product
from market.residents.models import Resident
from market.residents.selectors import owned_products, resident_may_act
from market.uploads import check_pixels
from market.validators import validate_one_line

from .models import ExportDocument, ExportDocumentKind

DOCUMENT_TYPES = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
TITLE_MAX_LENGTH = 200


def check_document_file(upload: UploadedFile) -> str:
    """The extension of an acceptable document (PDF, JPEG or PNG by its
    bytes, at most DOCUMENT_MAX_BYTES); ValidationError otherwise."""
    if upload.size > DOCUMENT_MAX_BYTES:
        raise ValidationError(
            _("The file is too large: at most %(limit)s.")
            % {"limit": filesizeformat(DOCUMENT_MAX_BYTES)},
            code="too_large",
        )
    upload.seek(0)
    kind = filetype.guess(upload.read(8192))
    upload.seek(0)
    if kind is None or kind.mime not in DOCUMENT_TYPES:
        raise ValidationError(
            _("This type of file is not accepted. Accepted: %(types)s.")
            % {"types": "PDF, JPEG, PNG"},
            code="file_type",
        )
    if kind.mime != "application/pdf":
        check_pixels(upload)
        try:
            with Image.open(upload) as image:
                image.verify()
        except Exception as error:
            raise ValidationError(
                _("The picture is damaged."), code="damaged"
            ) from error
        finally:
            upload.seek(0)
    return DOCUMENT_TYPES[kind.mime]


def _own_physical_product(resident: Resident, product: Product) -> Product:
    """The product, locked, if it is one of the resident's own physical
    listings and the resident may act now; PermissionDenied otherwise."""
    if not resident_may_act(resident):
        raise PermissionDenied(_("Your shop is not open: this cannot be done now."))
    owned = (
        owned_products(resident)
        .filter(product_class__slug=PHYSICAL, pk=product.pk)
        .select_for_update()
        .first()
    )
    if owned is None:
        raise PermissionDenied
    return owned


@transaction.atomic
def export_document_add(
    *,
    resident: Resident,
    product: Product,
    kind: str,
    title: str,
    upload: UploadedFile,
) -> ExportDocument:
    """Attach a paper to one of the resident's own physical listings.
    Refused, with nothing stored, for another resident's product, an unknown
    kind, an empty or multi-line title, or a file that is not a PDF, JPEG or
    PNG of at most 10 MB."""
    product = _own_physical_product(resident, product)
    if kind not in ExportDocumentKind.values:
        raise ValidationError({"kind": _("Choose the kind of document.")})
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("Give the document a title.")})
    if len(title) > TITLE_MAX_LENGTH:
        raise ValidationError(
            {"title": _("At most %(count)d characters.") % {"count": TITLE_MAX_LENGTH}}
        )
    try:
        validate_one_line(title)
    except ValidationError as error:
        raise ValidationError({"title": error}) from error
    try:
        extension = check_document_file(upload)
    except ValidationError as error:
        raise ValidationError({"file": error}) from error
    document = ExportDocument(product=product, kind=kind, title=title)
    document.file.save(f"{uuid.uuid4().hex}{extension}", upload, save=False)
    document.save()
    return document


@transaction.atomic
def export_document_delete(*, resident: Resident, document: ExportDocument) -> None:
    """Remove a paper from one of the resident's own listings, and its file
    once the deletion is committed. Refused (PermissionDenied, nothing
    changed) for another resident's document."""
    _own_physical_product(resident, document.product)
    file = document.file
    storage, name = file.storage, file.name
    document.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
