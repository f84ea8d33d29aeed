from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class EmailStatus(models.TextChoices):
    """Where one queued e-mail stands."""

    # Waiting to be sent (first try, or a retry after a failure).
    PENDING = "pending", _("Waiting to be sent")
    # The mail server accepted it.
    SENT = "sent", _("Sent")
    # Every retry failed: staff see it and can send it again.
    FAILED = "failed", _("Failed")


class OutgoingEmail(models.Model):
    """One e-mail, rendered and queued in the transaction of what it tells
    of, sent after the commit by a task that retries with back-off."""

    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    to = models.JSONField(_("recipients"))
    reply_to = models.JSONField(_("reply to"), default=list, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=EmailStatus.choices,
        default=EmailStatus.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), db_index=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status="pending"),
                name="outgoing_email_due",
            ),
        ]

    def __str__(self) -> str:
        return self.subject
