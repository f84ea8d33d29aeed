"""Commission rates, the per-line commission snapshot, and the append-only
ledger (AZN)."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from market.residents.models import Programme

from .fields import money_field


class CommissionRate(models.Model):
    """The Centre's commission for one scope: a resident, a programme, or the
    Centre's default (neither). The most specific rate wins when an order is
    placed: resident, then programme, then the default row, then
    settings.MARKET_COMMISSION_DEFAULT_PERCENT."""

    resident = models.ForeignKey(
        "residents.Resident",
        on_delete=models.CASCADE,
        related_name="commission_rates",
        null=True,
        blank=True,
        verbose_name=_("resident"),
    )
    programme = models.CharField(
        _("programme"),
        max_length=20,
        choices=Programme,
        blank=True,
        help_text=_("Leave both resident and programme empty for the default."),
    )
    percent = models.DecimalField(
        _("percent"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    minimum = money_field(
        _("minimum per line (AZN)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("commission rate")
        verbose_name_plural = _("commission rates")
        ordering = ["resident__display_name", "programme"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resident__isnull=True) | Q(programme=""),
                name="commission_rate_one_scope",
                violation_error_message=_(
                    "A rate is for a resident or for a programme, not both."
                ),
            ),
            models.CheckConstraint(
                condition=Q(percent__gte=0, percent__lte=100),
                name="commission_rate_percent_range",
            ),
            models.CheckConstraint(
                condition=Q(minimum__isnull=True) | Q(minimum__gte=0),
                name="commission_rate_minimum_not_negative",
            ),
            models.UniqueConstraint(
                fields=["resident"],
                condition=Q(resident__isnull=False),
                name="commission_rate_one_per_resident",
                violation_error_message=_("This resident already has a rate."),
            ),
            # Among rows without a resident, one per programme, and one
            # default (programme "").
            models.UniqueConstraint(
                fields=["programme"],
                condition=Q(resident__isnull=True),
                name="commission_rate_one_per_programme_and_default",
                violation_error_message=_("This programme already has a rate."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scope_label}: {self.percent}%"

    @property
    def scope_label(self) -> str:
        if self.resident_id:
            return str(self.resident)
        if self.programme:
            return str(self.get_programme_display())
        return str(_("Centre default"))


class LineShare(models.Model):
    """The commission of one order line, snapshotted when the order is placed.

    Later changes of rates never touch it: refunds prorate this commission.
    `resident` is empty for a line the Centre sells itself (no commission).
    net == gross - commission is kept by the service, not by a CHECK: SQLite
    compares these columns as floats (0.30 - 0.10 != 0.20).
    """

    line = models.OneToOneField(
        "order.Line", on_delete=models.PROTECT, related_name="share"
    )
    resident = models.ForeignKey(
        "residents.Resident",
        on_delete=models.PROTECT,
        related_name="line_shares",
        null=True,
        blank=True,
    )
    gross = money_field(_("gross"))
    commission_percent = models.DecimalField(
        _("commission percent"), max_digits=5, decimal_places=2
    )
    commission_minimum = money_field(_("commission minimum"), null=True, blank=True)
    commission = money_field(_("commission"))
    net = money_field(_("net"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("line share")
        verbose_name_plural = _("line shares")
        constraints = [
            models.CheckConstraint(
                condition=Q(commission__gte=0, commission__lte=F("gross")),
                name="line_share_commission_within_gross",
            ),
        ]

    def __str__(self) -> str:
        return f"line {self.line_id}: {self.gross} - {self.commission}"


class EntryKind(models.TextChoices):
    """What moved money in or out of an account (signs as seen by that account)."""

    # A buyer paid for a line: +gross to the seller's account.
    SALE = "sale", _("Sale")
    # A buyer paid for a parcel's shipping: +charge to whoever ships it.
    SHIPPING = "shipping", _("Shipping")
    # The Centre's commission on a line: -c for the resident, +c for the Centre.
    COMMISSION = "commission", _("Commission")
    # Money of a line refunded to the buyer: -amount for the seller.
    REFUND = "refund", _("Refund")
    # The commission a refund gives back: +c' for the resident, -c' for the Centre.
    COMMISSION_REFUND = "commission_refund", _("Commission refunded")
    # Money paid out to the resident (Stripe Connect or bank transfer): -amount.
    PAYOUT = "payout", _("Payout")
    # A payout (or the unsent part of it) that failed: +amount, back to the balance.
    PAYOUT_FAILED = "payout_failed", _("Payout failed")
    # Money taken back from a resident's Stripe account after a refund: +amount.
    REVERSAL = "reversal", _("Transfer reversed")
    # An order paid with a deposit: the share of its sale not paid yet,
    # -amount for each account, until the buyer pays the balance.
    BALANCE_DUE = "balance_due", _("Balance not paid yet")
    # The buyer paid the balance: +amount, what BALANCE_DUE held back.
    BALANCE_PAID = "balance_paid", _("Balance paid")
    # The order was cancelled with its balance unpaid and the deposit refunded:
    # +amount, what BALANCE_DUE held back (its sales were refunded in full).
    BALANCE_CANCELLED = "balance_cancelled", _("Balance cancelled")


class LedgerEntryQuerySet(models.QuerySet):
    """Entries are appended, never changed: no bulk update or delete."""

    def update(self, **kwargs):
        raise LedgerIsAppendOnly(_("Ledger entries are never updated."))

    def bulk_update(self, objs, fields, batch_size=None):
        raise LedgerIsAppendOnly(_("Ledger entries are never updated."))

    def delete(self):
        raise LedgerIsAppendOnly(_("Ledger entries are never deleted."))


class LedgerIsAppendOnly(Exception):
    """Someone tried to change or delete a ledger entry: correct with a new one."""


class LedgerEntry(models.Model):
    """One movement of AZN in one account: a resident's (`account`) or, when
    `account` is empty, the Centre's own.

    Append-only: a mistake is corrected by another entry. `key` names the
    business operation that wrote it (e.g. `sale:line:42`) and is unique, so
    repeating an operation writes nothing twice.
    """

    account = models.ForeignKey(
        "residents.Resident",
        on_delete=models.PROTECT,
        related_name="ledger_entries",
        null=True,
        blank=True,
        verbose_name=_("account"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EntryKind)
    amount = money_field(_("amount"))
    order = models.ForeignKey(
        "order.Order",
        on_delete=models.PROTECT,
        related_name="ledger_entries",
        null=True,
        blank=True,
    )
    line = models.ForeignKey(
        "order.Line",
        on_delete=models.PROTECT,
        related_name="ledger_entries",
        null=True,
        blank=True,
    )
    payout = models.ForeignKey(
        "payouts.Payout",
        on_delete=models.PROTECT,
        related_name="ledger_entries",
        null=True,
        blank=True,
    )
    key = models.CharField(_("operation key"), max_length=200, unique=True)
    created_at = models.DateTimeField(_("created at"))
    available_at = models.DateTimeField(_("available at"), db_index=True)

    objects = LedgerEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["account", "available_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(amount=0), name="ledger_entry_amount_not_zero"
            ),
            models.CheckConstraint(
                condition=Q(available_at__gte=F("created_at")),
                name="ledger_entry_available_after_created",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.amount}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise LedgerIsAppendOnly(_("Ledger entries are never updated."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise LedgerIsAppendOnly(_("Ledger entries are never deleted."))
