"""Where residents' money goes (payout profiles) and how it went (payout
runs, payouts, Stripe Connect transfers)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from market.payments import keys

from ..iban import iban_normalise, validate_iban
from .fields import money_field

ZERO = Decimal("0.00")


class Rail(models.TextChoices):
    """How a resident receives money."""

    # Stripe Connect: a transfer per order to the resident's connected account.
    STRIPE_CONNECT = "stripe_connect", _("Stripe Connect")
    # Bank transfer: staff send a batch file to the bank, then mark it paid.
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")


validate_stripe_account = RegexValidator(
    r"^acct_[A-Za-z0-9]+$", _("A Stripe account id looks like acct_1A2b3C...")
)
validate_swift = RegexValidator(
    r"^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$",
    _("A SWIFT/BIC code has 8 or 11 letters and digits."),
)


class PayoutProfile(models.Model):
    """Where a resident's money goes. Residents edit their bank details; only
    staff set the rail to Stripe Connect and its account id."""

    resident = models.OneToOneField(
        "residents.Resident",
        on_delete=models.CASCADE,
        related_name="payout_profile",
        verbose_name=_("resident"),
    )
    rail = models.CharField(
        _("payout method"), max_length=20, choices=Rail, default=Rail.BANK_TRANSFER
    )
    stripe_account_id = models.CharField(
        _("Stripe account id"),
        max_length=64,
        blank=True,
        validators=[validate_stripe_account],
    )
    account_holder = models.CharField(_("account holder"), max_length=200, blank=True)
    iban = models.CharField(
        _("IBAN"), max_length=34, blank=True, validators=[validate_iban]
    )
    bank_name = models.CharField(_("bank name"), max_length=200, blank=True)
    swift = models.CharField(
        _("SWIFT/BIC"), max_length=11, blank=True, validators=[validate_swift]
    )
    updated_at = models.DateTimeField(auto_now=True)
    # A changed destination is not paid before this moment (the first one is
    # paid at once): a stolen session or password cannot redirect a payout
    # before the resident, warned by e-mail, and staff can act.
    held_until = models.DateTimeField(
        _("new destination held until"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("payout profile")
        verbose_name_plural = _("payout profiles")
        ordering = ["resident__display_name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(rail="stripe_connect") | ~Q(stripe_account_id=""),
                name="payout_profile_connect_has_account",
                violation_error_message=_("Stripe Connect needs a Stripe account id."),
            ),
            models.CheckConstraint(
                condition=~Q(rail="bank_transfer")
                | (~Q(iban="") & ~Q(account_holder="")),
                name="payout_profile_bank_has_iban",
                violation_error_message=_(
                    "A bank transfer needs an account holder and an IBAN."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resident}: {self.get_rail_display()}"

    def save(self, *args, **kwargs):
        """Every door that changes a destination (the resident's form, the
        staff's admin, a script) passes here: a change of an existing
        destination holds payouts to it for MARKET_PAYOUT_DESTINATION_HOLD_DAYS
        and tells the resident's people by e-mail."""
        self.iban = iban_normalise(self.iban)
        previous = type(self).objects.filter(pk=self.pk).first() if self.pk else None
        changed = previous is not None and previous.destination() != (
            self.destination()
        )
        if changed:
            self.held_until = timezone.now() + timedelta(
                days=settings.MARKET_PAYOUT_DESTINATION_HOLD_DAYS
            )
        super().save(*args, **kwargs)
        if changed:
            from ..notifications import destination_changed_mail

            destination_changed_mail(profile=self, previous=previous)

    def clean(self):
        self.iban = iban_normalise(self.iban)
        self.swift = (self.swift or "").replace(" ", "").upper()
        if self.rail == Rail.STRIPE_CONNECT and not self.stripe_account_id:
            raise ValidationError(
                {"stripe_account_id": _("Stripe Connect needs a Stripe account id.")}
            )
        if self.rail == Rail.BANK_TRANSFER and not (self.iban and self.account_holder):
            raise ValidationError(
                _("A bank transfer needs an account holder and an IBAN.")
            )

    def destination(self) -> tuple:
        """Where the money goes now: the connected account, or the bank
        account (the bank details a Connect profile keeps in reserve, and the
        bank's name, are not a destination)."""
        if self.rail == Rail.STRIPE_CONNECT:
            return (self.rail, self.stripe_account_id)
        return (
            self.rail,
            iban_normalise(self.iban),
            " ".join(self.account_holder.split()).casefold(),
            (self.swift or "").replace(" ", "").upper(),
        )

    def is_held(self, now=None) -> bool:
        return self.held_until is not None and self.held_until > (now or timezone.now())


class RunStatus(models.TextChoices):
    """Where a payout run stands."""

    # Some payouts are waiting: bank transfers not yet marked paid, or Stripe
    # transfers to retry.
    PENDING = "pending", _("Pending")
    # Every payout of the run is paid or failed.
    COMPLETED = "completed", _("Completed")


class PayoutRun(models.Model):
    """One pass over every resident's cleared balance (weekly by cron, or by
    staff). A run that finds nobody to pay is kept too: it says it ran."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"))
    cleared_until = models.DateTimeField(
        _("cleared until"), help_text=_("Money available by this time was paid.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RunStatus, default=RunStatus.PENDING
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("payout run")
        verbose_name_plural = _("payout runs")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.created_at:%Y-%m-%d}"


class PayoutStatus(models.TextChoices):
    """Where one payout to one resident stands."""

    # Created: Stripe transfers not all made yet, or the bank batch not yet sent.
    PENDING = "pending", _("Pending")
    # The money reached the resident (every transfer made, or staff marked the
    # bank transfer paid).
    PAID = "paid", _("Paid")
    # The money (or the unsent part of it) did not go: it is back in the balance.
    FAILED = "failed", _("Failed")


class Payout(models.Model):
    """Money paid to one resident in one run: exactly their cleared balance
    at the time of the run. The rail and bank details are copied, so the
    batch file of a run never changes when a resident edits their profile."""

    run = models.ForeignKey(PayoutRun, on_delete=models.PROTECT, related_name="payouts")
    resident = models.ForeignKey(
        "residents.Resident", on_delete=models.PROTECT, related_name="payouts"
    )
    rail = models.CharField(_("payout method"), max_length=20, choices=Rail)
    amount = money_field(_("amount"))
    status = models.CharField(
        _("status"), max_length=20, choices=PayoutStatus, default=PayoutStatus.PENDING
    )
    account_holder = models.CharField(_("account holder"), max_length=200, blank=True)
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    stripe_account_id = models.CharField(
        _("Stripe account id"), max_length=64, blank=True
    )
    reference = models.CharField(
        _("bank reference"),
        max_length=200,
        blank=True,
        help_text=_("The bank's reference of the transfer."),
    )
    failure_message = models.TextField(_("failure"), blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("payout")
        verbose_name_plural = _("payouts")
        ordering = ["run", "resident__display_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="payout_amount_positive"
            ),
            models.UniqueConstraint(
                fields=["run", "resident"], name="payout_one_per_resident_per_run"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resident}: {self.amount} AZN"

    @property
    def batch_reference(self) -> str:
        """The reference written in the bank batch file: CM-<run>-<payout>."""
        return f"CM-{self.run_id}-{self.pk}"

    @property
    def amount_sent(self) -> Decimal:
        """For Stripe Connect: what the transfers made actually moved."""
        return sum(
            (t.amount for t in self.transfers.all() if t.status == TransferStatus.SENT),
            ZERO,
        )


class TransferStatus(models.TextChoices):
    """Where one Stripe Connect transfer stands."""

    # Not made yet (or to retry with the same idempotency key).
    PENDING = "pending", _("Pending")
    # Stripe accepted it: `stripe_transfer_id` is set.
    SENT = "sent", _("Sent")
    # Stripe refused it, or it was not attempted because an earlier one failed.
    FAILED = "failed", _("Failed")


class PayoutTransfer(models.Model):
    """Stripe Connect: the part of a payout that comes from one order, sent as
    one transfer in the order's transfer group, so that a later refund of that
    order can reverse the right transfer."""

    payout = models.ForeignKey(
        Payout, on_delete=models.PROTECT, related_name="transfers"
    )
    order = models.ForeignKey(
        "order.Order", on_delete=models.PROTECT, related_name="payout_transfers"
    )
    amount = money_field(_("amount"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=TransferStatus,
        default=TransferStatus.PENDING,
    )
    stripe_transfer_id = models.CharField(
        _("Stripe transfer id"), max_length=64, blank=True
    )
    transfer_group = models.CharField(_("transfer group"), max_length=128)
    failure_message = models.TextField(_("failure"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("payout transfer")
        verbose_name_plural = _("payout transfers")
        ordering = ["payout", "order_id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="payout_transfer_amount_positive"
            ),
            models.UniqueConstraint(
                fields=["payout", "order"], name="payout_transfer_one_per_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.transfer_group}: {self.amount} AZN"

    @property
    def idempotency_key(self) -> str:
        return keys.payout_transfer(self.payout_id, self.order_id)
