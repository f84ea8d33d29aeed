from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CheckoutStatus(models.TextChoices):
    """Where one basket's payment stands."""

    # Stock and seats are held for the buyer while they pay.
    AWAITING_PAYMENT = (
        "awaiting_payment",
        pgettext_lazy("checkout status", "Awaiting payment"),
    )
    # Nothing is held: the hold ran out or the buyer went back to the basket.
    # Paying later still works if the stock is still there.
    RELEASED = "released", pgettext_lazy("checkout status", "Released")
    # Paid, and the order is placed.
    PLACED = "placed", pgettext_lazy("checkout status", "Placed")
    # Paid, but the order could not be placed: the payment was refunded.
    REFUNDED = "refunded", pgettext_lazy("checkout status", "Refunded")
    # Paid, could not be placed, and the refund failed too: staff must act.
    NEEDS_ATTENTION = (
        "needs_attention",
        pgettext_lazy("checkout status", "Needs attention"),
    )


class CheckoutPayment(models.Model):
    """One basket's payment: the hold on its stock and seats, the exchange rate
    locked for it, and its one Stripe PaymentIntent.

    One per basket, so a double submit, a refresh, a second tab or the return
    URL hit many times all find the same row, the same PaymentIntent and at
    most one order."""

    basket = models.OneToOneField(
        "basket.Basket", on_delete=models.PROTECT, related_name="checkout_payment"
    )
    # The buyer: an account, or (guest checkout, physical goods only) the
    # e-mail address a guest gave at the checkout's first step.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    guest_email = models.EmailField(_("guest e-mail address"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CheckoutStatus.choices,
        default=CheckoutStatus.AWAITING_PAYMENT,
    )
    # Totals: `total` in AZN (what residents priced), `amount` in the buyer's
    # currency at `rate` (units of `currency` per AZN), line by line.
    total = models.DecimalField(_("total (AZN)"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    rate = models.DecimalField(_("exchange rate"), max_digits=18, decimal_places=8)
    amount = models.DecimalField(_("amount charged"), max_digits=12, decimal_places=2)
    # A quote paid with a deposit: `total` and `amount` are the whole order;
    # the part of them left to pay before shipping (the BalancePayment made
    # when the order is placed). Zero for everything paid at once.
    balance_total = models.DecimalField(
        _("balance (AZN)"), max_digits=12, decimal_places=2, default=Decimal("0.00")
    )
    balance_amount = models.DecimalField(
        _("balance charged later"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0.00"),
    )
    language = models.CharField(_("language"), max_length=10)
    shipping_address = models.JSONField(_("shipping address"), null=True, blank=True)
    shipping_method_code = models.CharField(max_length=128)
    # Each parcel's carrier and price as the buyer saw them at "Pay"
    # (market.export.pricing.ParcelQuote.snapshot): what the order is placed
    # and charged with, whatever a resident changes meanwhile.
    parcels = models.JSONField(default=list, blank=True)
    # The hold (catalogue.StockHold rows keyed "checkout:<id>") counts until
    # then, whether or not anybody releases it.
    expires_at = models.DateTimeField(_("hold expires at"))
    # NULL until the PaymentIntent exists; unique once it does.
    payment_intent_id = models.CharField(max_length=255, unique=True, null=True)  # noqa: DJ001
    client_secret = models.CharField(max_length=255, blank=True)
    # What the PaymentIntent asks for now (it follows a new hold's amount).
    intent_amount = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True
    )
    intent_currency = models.CharField(max_length=3, blank=True)
    order = models.OneToOneField(
        "order.Order",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="checkout_payment",
    )
    refund_id = models.CharField(max_length=255, blank=True)
    problem = models.TextField(_("problem"), blank=True)
    # Set when Stripe told us of something staff must look at (a refund made
    # outside the shop, a dispute); cleared by staff.
    alerted_at = models.DateTimeField(_("staff alerted at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("checkout payment")
        verbose_name_plural = _("checkout payments")
        constraints = [
            models.CheckConstraint(
                condition=Q(total__gte=0) & Q(amount__gte=0) & Q(rate__gt=0),
                name="checkout_payment_amounts_positive",
            ),
            models.CheckConstraint(
                condition=Q(balance_total__gte=0)
                & Q(balance_amount__gte=0)
                & Q(balance_total__lte=models.F("total"))
                & Q(balance_amount__lte=models.F("amount")),
                name="checkout_payment_balance_within_total",
            ),
            models.CheckConstraint(
                condition=~Q(status=CheckoutStatus.PLACED) | Q(order__isnull=False),
                name="checkout_payment_placed_has_order",
            ),
            # An account or a guest's address, never both, never neither.
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(guest_email=""))
                | (Q(user__isnull=True) & ~Q(guest_email="")),
                name="checkout_payment_account_or_guest",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.currency} ({self.get_status_display()})"

    @property
    def email(self) -> str:
        """Where the buyer's e-mails go: the account's address, or the
        guest's."""
        return self.user.email if self.user_id else self.guest_email

    @property
    def paid_now_total(self) -> Decimal:
        """What this PaymentIntent pays (AZN): the total, less a balance."""
        return self.total - self.balance_total

    @property
    def charge_now(self) -> Decimal:
        """What this PaymentIntent charges (its currency)."""
        return self.amount - self.balance_amount


class BalanceStatus(models.TextChoices):
    """Where the balance of an order paid with a deposit stands."""

    # The deposit is paid; the rest is due before the parcel ships.
    DUE = "due", pgettext_lazy("balance status", "Due")
    # Paid: the parcel may ship.
    PAID = "paid", pgettext_lazy("balance status", "Paid")
    # Never paid: staff cancelled the order (the deposit refunded or kept).
    CANCELLED = "cancelled", pgettext_lazy("balance status", "Cancelled")


class BalancePayment(models.Model):
    """The rest of an order paid with a deposit (a made-to-order quote): its
    own Stripe PaymentIntent, in the currency and at the rate locked when
    the deposit was paid, so the buyer pays exactly the total they accepted.
    The order's parcels cannot ship while it is due (market.export)."""

    checkout_payment = models.OneToOneField(
        CheckoutPayment, on_delete=models.PROTECT, related_name="balance"
    )
    order = models.OneToOneField(
        "order.Order", on_delete=models.PROTECT, related_name="balance_payment"
    )
    total = models.DecimalField(_("balance (AZN)"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=BalanceStatus.choices,
        default=BalanceStatus.DUE,
    )
    payment_intent_id = models.CharField(max_length=255, unique=True, null=True)  # noqa: DJ001
    client_secret = models.CharField(max_length=255, blank=True)
    # The resident said the goods are ready and asked for the balance.
    requested_at = models.DateTimeField(_("asked for at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    # Whether the deposit went back to the buyer when the order was cancelled.
    deposit_refunded = models.BooleanField(_("deposit refunded"), default=False)
    reminded_at = models.DateTimeField(_("buyer reminded at"), null=True, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("balance payment")
        verbose_name_plural = _("balance payments")
        constraints = [
            models.CheckConstraint(
                condition=Q(total__gt=0) & Q(amount__gt=0),
                name="checkout_balance_positive",
            ),
            models.CheckConstraint(
                condition=~Q(status="paid") | Q(paid_at__isnull=False),
                name="checkout_balance_paid_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.currency} ({self.get_status_display()})"

    @property
    def is_due(self) -> bool:
        return self.status == BalanceStatus.DUE


class RefundStatus(models.TextChoices):
    """A refund of order lines to the buyer."""

    # Stripe accepted the refund.
    SUCCEEDED = "succeeded", pgettext_lazy("refund status", "Succeeded")
    # Stripe is still working on it (some payment methods).
    PENDING = "pending", pgettext_lazy("refund status", "Pending")


class Refund(models.Model):
    """Units of one order line given back to the buyer, or the shipping of
    one parcel, with the money: the charge currency amount went back through
    Stripe, the AZN amount came off the resident's ledger."""

    order = models.ForeignKey(
        "order.Order", on_delete=models.PROTECT, related_name="refunds"
    )
    line = models.ForeignKey(
        "order.Line",
        on_delete=models.PROTECT,
        related_name="refunds",
        null=True,
        blank=True,
    )
    # Set (and `line` empty, `quantity` 1) for a parcel's shipping charge.
    parcel = models.ForeignKey(
        "export.Parcel",
        on_delete=models.PROTECT,
        related_name="refunds",
        null=True,
        blank=True,
    )
    quantity = models.PositiveIntegerField(_("quantity"))
    total = models.DecimalField(_("amount (AZN)"), max_digits=12, decimal_places=2)
    amount = models.DecimalField(_("amount refunded"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    status = models.CharField(_("status"), max_length=20, choices=RefundStatus.choices)
    key = models.CharField(max_length=120, unique=True)
    stripe_refund_id = models.CharField(max_length=255, blank=True)
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0) & Q(total__gte=0) & Q(amount__gte=0),
                name="refund_amounts_positive",
            ),
            models.CheckConstraint(
                condition=Q(line__isnull=True) ^ Q(parcel__isnull=True),
                name="refund_of_a_line_or_a_parcel",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"


ZERO = Decimal("0.00")

from oscar.apps.checkout.models import *  # noqa: E402
