"""Download grants: a buyer's right to download one file of a bought product."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Refusal(models.TextChoices):
    """Why a download is refused; the label is what the buyer reads."""

    # Expired: the signed link is older than MARKET_DOWNLOAD_LINK_MAX_AGE;
    # a fresh link is on the downloads page.
    EXPIRED = "expired", _("This download link has expired.")
    # Tampered: the signature does not match, the link was changed or cut.
    TAMPERED = "tampered", _("This download link is not valid.")
    # Not yours: the link or the grant belongs to another buyer.
    NOT_YOURS = "not_yours", _("This download belongs to another account.")
    # Revoked: the order line was refunded or cancelled.
    REVOKED = "revoked", _("This download was withdrawn after a refund.")
    # Limit reached: every allowed download of this file was used.
    LIMIT_REACHED = "limit_reached", _("You have used all downloads of this file.")
    # File removed: the seller removed the file after the sale.
    FILE_REMOVED = "file_removed", _("This file is no longer available.")


class DownloadGrant(models.Model):
    """The right of the buyer of one order line to download one file of the
    bought product, a limited number of times, until a refund revokes it.

    One grant per (line, file). The count never passes the limit: a
    CheckConstraint backs the conditional UPDATE in `download_grant_use`.
    """

    line = models.ForeignKey(
        "order.Line",
        on_delete=models.CASCADE,
        related_name="download_grants",
        verbose_name=_("order line"),
    )
    # SET_NULL, not PROTECT: Oscar lets staff and residents delete a product
    # (which deletes its files); PROTECT would turn that into an error page.
    # The grant stays, with its count and revocation, as the record of what was
    # sold, and downloads are refused as "file removed".
    digital_file = models.ForeignKey(
        "catalogue.DigitalFile",
        on_delete=models.SET_NULL,
        null=True,
        related_name="download_grants",
        verbose_name=_("file"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="download_grants",
        verbose_name=_("buyer"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    download_limit = models.PositiveIntegerField(_("download limit"))
    download_count = models.PositiveIntegerField(_("downloads used"), default=0)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoke_reason = models.TextField(_("reason for revoking"), blank=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("download grant")
        verbose_name_plural = _("download grants")
        constraints = [
            models.UniqueConstraint(
                fields=["line", "digital_file"],
                name="downloads_grant_one_per_line_and_file",
            ),
            models.CheckConstraint(
                condition=models.Q(download_count__lte=models.F("download_limit")),
                name="downloads_grant_count_within_limit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.line_id}: {self.digital_file_id} ({self.user_id})"

    @property
    def downloads_left(self) -> int:
        return max(self.download_limit - self.download_count, 0)

    @property
    def unavailable_reason(self) -> Refusal | None:
        """Why this grant cannot be used now, or None when it can."""
        if self.revoked_at is not None:
            return Refusal.REVOKED
        if self.digital_file_id is None:
            return Refusal.FILE_REMOVED
        if self.download_count >= self.download_limit:
            return Refusal.LIMIT_REACHED
        return None
