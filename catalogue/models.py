# Custom catalogue models go above Oscar's import (Oscar's fork_app pattern).
import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from oscar.apps.catalogue.abstract_models import AbstractProduct


class ReviewStatus(models.TextChoices):
    """Where a listing stands in staff review."""

    # Pending: new or edited by its resident; hidden until staff approve it.
    PENDING = "pending", _("Waiting for review")
    # Live: approved (or made by staff); public if its resident's shop is open.
    LIVE = "live", _("Live")
    # Rejected: staff said no, with a reason the resident reads.
    REJECTED = "rejected", pgettext_lazy("listing review status", "Rejected")


class Product(AbstractProduct):
    """Oscar's product plus the staff review of resident-made listings.

    Staff-made and demo products are live by default; the resident dashboard
    sets every new or edited listing to pending.
    """

    review_status = models.CharField(
        _("review status"),
        max_length=20,
        choices=ReviewStatus,
        default=ReviewStatus.LIVE,
        db_index=True,
    )
    review_reason = models.TextField(_("review reason"), blank=True)


class PrivateStorage(FileSystemStorage):
    """Storage in PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT and with no URL: files
    leave it only through a view that checks who asks (delivery comes with the
    checkout). The folder is read from settings at each use."""

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


def _digital_file_path(instance: "DigitalFile", filename: str) -> str:
    # The stored name is random; the uploaded name is kept only as data.
    return f"digital/{uuid.uuid4().hex}{instance.extension}"


class DigitalFile(models.Model):
    """A file a buyer of a digital product downloads after paying."""

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="digital_files"
    )
    file = models.FileField(
        _("file"),
        storage=PrivateStorage(),
        upload_to=_digital_file_path,
        max_length=255,
    )
    original_name = models.CharField(_("original name"), max_length=255)
    extension = models.CharField(_("extension"), max_length=10)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("digital file")
        verbose_name_plural = _("digital files")

    def __str__(self) -> str:
        return self.original_name


from oscar.apps.catalogue.models import *  # noqa: E402
