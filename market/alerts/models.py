from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AlertKind(models.TextChoices):
    """What kind of thing needs a person."""

    # Paid, but the order could not be placed (refunded, or not yet).
    PAID_NOT_PLACED = "paid_not_placed", _("Paid but not placed")
    # The shop tried to refund the buyer and Stripe refused.
    REFUND_FAILED = "refund_failed", _("Refund failed")
    # The buyer disputed a charge with their bank.
    DISPUTE = "dispute", _("Dispute")
    # Stripe refunded more than the shop recorded (the Stripe dashboard).
    REFUND_OUTSIDE_SHOP = "refund_outside_shop", _("Refund made outside the shop")
    # A payout to a resident failed; its money went back to their balance.
    PAYOUT_FAILED = "payout_failed", _("Payout failed")
    # A buyer paid after their hold ran out: the order waits for stock.
    HOLD_EXPIRED_PAID = "hold_expired_paid", _("Paid after the hold ran out")
    # The buyer has not paid the balance of a deposit order a week after the
    # resident asked for it: the parcel waits.
    BALANCE_UNPAID = "balance_unpaid", _("Balance not paid")


class AlertStatus(models.TextChoices):
    """Whether a person still has to act."""

    # Somebody has to look at it.
    OPEN = "open", pgettext_lazy("alert status", "Open")
    # Staff dealt with it and said how.
    RESOLVED = "resolved", pgettext_lazy("alert status", "Resolved")


class StaffAlert(models.Model):
    """One thing that needs a person. The same problem raised again (a
    replayed webhook, the reconciliation job) adds to the open alert with its
    `key` instead of opening another."""

    kind = models.CharField(_("kind"), max_length=30, choices=AlertKind.choices)
    key = models.CharField(_("key"), max_length=120)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AlertStatus.choices,
        default=AlertStatus.OPEN,
    )
    subject = models.CharField(_("subject"), max_length=255)
    message = models.TextField(_("message"))
    # Where staff act on it (an admin page of the payment, order or payout).
    link = models.CharField(_("link"), max_length=255, blank=True)
    occurrences = models.PositiveIntegerField(_("times raised"), default=1)
    created_at = models.DateTimeField(_("raised at"), auto_now_add=True)
    last_raised_at = models.DateTimeField(_("last raised at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )
    resolution = models.TextField(_("what was done"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("staff alert")
        verbose_name_plural = _("staff alerts")
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(status="open"),
                name="staff_alert_one_open_per_key",
            ),
            models.CheckConstraint(
                condition=Q(status="open", resolved_at__isnull=True)
                | Q(status="resolved", resolved_at__isnull=False),
                name="staff_alert_resolved_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.subject
