"""Selling to businesses: a buyer who says they are a business asks a
resident for a quote (products and quantities, destination, wished date);
the resident answers with a quote (unit prices, lead time, shipping,
validity, terms) or declines; the buyer accepts and pays the quote through
the one checkout (checkout.services.quotes), at the quoted prices.

Amounts are AZN, what residents price in (MARKET_BASE_CURRENCY); the buyer
is charged in their currency by the checkout's one rounding rule. Every
write is a service (services.py) that locks the request's row first."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from market.export.countries import COUNTRY_CODES, country_name
from market.storage import PrivateStorage
from market.validators import validate_one_line

# A sane ceiling for one line of a request (units), and lines per request.
MAX_QUANTITY = 100_000
MAX_LINES = 30
MAX_LEAD_DAYS = 365
MAX_UNIT_PRICE = Decimal("1000000.00")
MAX_SHIPPING = Decimal("100000.00")
# A deposit is a share of a made-to-order quote's total paid at once (the
# rest before the parcel ships): 0 (none) or MIN_DEPOSIT..MAX_DEPOSIT %.
MIN_DEPOSIT_PERCENT = 10
MAX_DEPOSIT_PERCENT = 90
_TAX_NUMBER = re.compile(r"^[A-Z0-9][A-Z0-9 ./-]{2,38}[A-Z0-9]$")


def validate_country(value: str) -> None:
    """A known ISO 3166-1 alpha-2 code."""
    if value not in COUNTRY_CODES:
        raise ValidationError(_("Choose a country from the list."), code="country")


def normalise_tax_number(value: str) -> str:
    """ "de 123 456 789" -> "DE123456789": upper case, without spaces."""
    return "".join((value or "").split()).upper()


def validate_tax_number(value: str) -> None:
    """A VAT or tax number as written on invoices: 4 to 40 letters and
    digits, with dots, slashes or dashes between them, and at least three
    digits (an EU VAT number begins with its country's two letters)."""
    if not value:
        return
    if not _TAX_NUMBER.match(value) or sum(char.isdigit() for char in value) < 3:
        raise ValidationError(
            _(
                "Enter the VAT or tax number as it is written on your invoices: "
                "letters and digits (for example DE123456789)."
            ),
            code="tax_number",
        )


class BusinessProfile(models.Model):
    """A buyer who says they are a business: one per user, asked for the
    first time they ask for a quote, copied onto each request (what the
    resident saw stays what it was)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="business_profile",
        verbose_name=_("user"),
    )
    company_name = models.CharField(
        _("company name"), max_length=200, validators=[validate_one_line]
    )
    country = models.CharField(
        _("country"), max_length=2, validators=[validate_country]
    )
    tax_number = models.CharField(
        _("VAT or tax number"),
        max_length=40,
        blank=True,
        validators=[validate_tax_number],
        help_text=_("If your company has one."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("business profile")
        verbose_name_plural = _("business profiles")

    def __str__(self) -> str:
        return self.company_name


class TradeTerms(models.Model):
    """What a resident says about selling to businesses: whether they make
    to order (a request may then ask for more than is in stock, and the
    quoted units are made for the buyer rather than taken from stock)."""

    resident = models.OneToOneField(
        "residents.Resident",
        on_delete=models.CASCADE,
        related_name="trade_terms",
        verbose_name=_("resident"),
    )
    makes_to_order = models.BooleanField(
        _("I make to order"),
        default=False,
        help_text=_(
            "Businesses may ask for more than you have in stock; the units "
            "you quote are made for them."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("trade terms")
        verbose_name_plural = _("trade terms")

    def __str__(self) -> str:
        return str(self.resident)


class QuoteRequestStatus(models.TextChoices):
    """Where a request for a quote stands."""

    # Sent by the buyer; the resident has not answered yet.
    OPEN = "open", pgettext_lazy("quote request status", "Waiting for a quote")
    # The resident offered a quote; the buyer has not accepted it yet.
    QUOTED = "quoted", pgettext_lazy("quote request status", "Quoted")
    # The buyer accepted the quote: it may be paid until it is valid.
    ACCEPTED = "accepted", pgettext_lazy("quote request status", "Accepted")
    # The accepted quote was paid: its order exists.
    PAID = "paid", pgettext_lazy("quote request status", "Paid")
    # The resident declined, with a reason.
    DECLINED = "declined", pgettext_lazy("quote request status", "Declined")
    # The buyer withdrew the request.
    WITHDRAWN = "withdrawn", pgettext_lazy("quote request status", "Withdrawn")
    # The quote ran past its validity date without being paid.
    EXPIRED = "expired", pgettext_lazy("quote request status", "Expired")
    # Nobody answered in MARKET_QUOTE_CLOSE_DAYS: closed, the buyer told.
    CLOSED = "closed", pgettext_lazy("quote request status", "Closed unanswered")


# Requests that may still move; the others are finished.
LIVE_REQUEST = (
    QuoteRequestStatus.OPEN,
    QuoteRequestStatus.QUOTED,
    QuoteRequestStatus.ACCEPTED,
)


class QuoteRequest(models.Model):
    """A business buyer's request to one resident: products and quantities,
    where they go, by when, and a message. The business details are copied
    from the buyer's profile when it is sent."""

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="quote_requests",
        verbose_name=_("buyer"),
    )
    resident = models.ForeignKey(
        "residents.Resident",
        on_delete=models.PROTECT,
        related_name="quote_requests",
        verbose_name=_("resident"),
    )
    company_name = models.CharField(_("company name"), max_length=200)
    company_country = models.CharField(_("company country"), max_length=2)
    tax_number = models.CharField(_("VAT or tax number"), max_length=40, blank=True)
    destination = models.CharField(
        _("destination country"), max_length=2, validators=[validate_country]
    )
    wanted_by = models.DateField(_("wished delivery date"), null=True, blank=True)
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=QuoteRequestStatus,
        default=QuoteRequestStatus.OPEN,
    )
    # The language the buyer asked in: they are written to in it.
    buyer_language = models.CharField(
        _("buyer's language"), max_length=5, default=settings.LANGUAGE_CODE
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    # First answer (a quote or a decline): response times are measured to it.
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("resident reminded at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("quote request")
        verbose_name_plural = _("quote requests")
        indexes = [
            models.Index(fields=["buyer", "-created_at"], name="trade_request_buyer"),
            models.Index(
                fields=["resident", "-created_at"], name="trade_request_resident"
            ),
            models.Index(
                fields=["created_at"],
                condition=Q(status="open"),
                name="trade_request_unanswered",
            ),
        ]

    def __str__(self) -> str:
        return _("Quote request %(number)s") % {"number": self.number}

    @property
    def number(self) -> str:
        """The short number people quote in e-mails: "Q-1A2B3C4D"."""
        return f"Q-{self.reference.hex[:8].upper()}"

    @property
    def destination_name(self) -> str:
        return country_name(self.destination)

    @property
    def company_country_name(self) -> str:
        return country_name(self.company_country)

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_REQUEST


class QuoteRequestLine(models.Model):
    """A product (a standalone product or a variant, through the resident's
    stock record) and how many units the buyer asks for."""

    request = models.ForeignKey(
        QuoteRequest, on_delete=models.CASCADE, related_name="lines"
    )
    product = models.ForeignKey(
        "catalogue.Product",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("product"),
    )
    stockrecord = models.ForeignKey(
        "partner.StockRecord",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("stock record"),
    )
    quantity = models.PositiveIntegerField(
        _("quantity"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_QUANTITY)],
    )
    # More than was free in stock when asked: the resident makes them.
    made_to_order = models.BooleanField(_("made to order"), default=False)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "stockrecord"], name="trade_request_line_once"
            ),
            models.CheckConstraint(
                condition=Q(quantity__gte=1) & Q(quantity__lte=MAX_QUANTITY),
                name="trade_request_line_quantity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product.get_title()} × {self.quantity}"


class QuoteStatus(models.TextChoices):
    """Where one quote stands."""

    # Offered by the resident; the buyer may accept it until `valid_until`.
    OFFERED = "offered", pgettext_lazy("quote status", "Offered")
    # Accepted by the buyer; payable at its prices until `valid_until`.
    ACCEPTED = "accepted", pgettext_lazy("quote status", "Accepted")
    # Paid: its order was placed.
    PAID = "paid", pgettext_lazy("quote status", "Paid")
    # The resident offered a newer quote in its place.
    SUPERSEDED = "superseded", pgettext_lazy("quote status", "Replaced")
    # Withdrawn: the resident declined after quoting, or the buyer withdrew.
    WITHDRAWN = "withdrawn", pgettext_lazy("quote status", "Withdrawn")
    # Its validity date passed before it was paid.
    EXPIRED = "expired", pgettext_lazy("quote status", "Expired")


LIVE_QUOTE = (QuoteStatus.OFFERED, QuoteStatus.ACCEPTED, QuoteStatus.PAID)


def _attachment_path(instance: QuoteMessage, filename: str) -> str:
    # The stored name is random; the uploaded name is kept only as data.
    return f"quotes/{uuid.uuid4().hex}{instance.attachment_extension}"


class Quote(models.Model):
    """The resident's answer: a unit price per requested line (a volume
    price may be below retail), lead time, the parcel's shipping (from
    their profile for the destination, or an amount they quote), how long
    it is valid, and terms. At most one live quote per request."""

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    request = models.ForeignKey(
        QuoteRequest, on_delete=models.CASCADE, related_name="quotes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("quoted by"),
    )
    currency = models.CharField(
        _("currency"), max_length=3, default=settings.MARKET_BASE_CURRENCY
    )
    lead_time_days = models.PositiveSmallIntegerField(
        _("lead time (days)"), validators=[MaxValueValidator(MAX_LEAD_DAYS)]
    )
    # None when nothing in the quote travels (files, services).
    shipping_amount = models.DecimalField(
        _("shipping"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    shipping_carrier = models.CharField(_("carrier"), max_length=120, blank=True)
    shipping_min_days = models.PositiveSmallIntegerField(default=0)
    shipping_max_days = models.PositiveSmallIntegerField(default=0)
    # The rate of the resident's shipping profile it was priced with (None:
    # an amount the resident quoted).
    shipping_rate = models.ForeignKey(
        "export.ShippingRate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    valid_until = models.DateField(_("valid until"))
    terms = models.TextField(_("terms"), blank=True)
    # The share of the total (%) paid at once when units are made to order;
    # the rest is paid before the parcel ships. 0: paid in full at once.
    deposit_percent = models.PositiveSmallIntegerField(
        _("deposit (%)"),
        default=0,
        validators=[MaxValueValidator(MAX_DEPOSIT_PERCENT)],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=QuoteStatus, default=QuoteStatus.OFFERED
    )
    created_at = models.DateTimeField(_("quoted at"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    order = models.ForeignKey(
        "order.Order",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("order"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        constraints = [
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(status__in=["offered", "accepted", "paid"]),
                name="trade_one_live_quote",
            ),
            models.CheckConstraint(
                condition=Q(shipping_amount__isnull=True) | Q(shipping_amount__gte=0),
                name="trade_quote_shipping_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(shipping_max_days__gte=F("shipping_min_days")),
                name="trade_quote_shipping_days",
            ),
            models.CheckConstraint(
                condition=Q(deposit_percent=0)
                | Q(
                    deposit_percent__gte=MIN_DEPOSIT_PERCENT,
                    deposit_percent__lte=MAX_DEPOSIT_PERCENT,
                ),
                name="trade_quote_deposit_percent",
            ),
        ]

    def __str__(self) -> str:
        return _("Quote for %(number)s") % {"number": self.request.number}

    @property
    def ships(self) -> bool:
        return self.shipping_amount is not None

    def has_run_out(self, now: datetime | None = None) -> bool:
        """Valid through `valid_until`, in the site's time zone."""
        return timezone.localdate(now or timezone.now()) > self.valid_until

    def goods_total(self) -> Decimal:
        return sum((line.total for line in self.lines.all()), Decimal("0.00"))

    def total(self) -> Decimal:
        return self.goods_total() + (self.shipping_amount or Decimal("0.00"))

    def deposit(self) -> Decimal:
        """What is paid at once (AZN): the deposit's share of the total,
        rounded half up to the cent; the whole total without a deposit."""
        return deposit_share(self.total(), self.deposit_percent)

    def balance(self) -> Decimal:
        """What is left to pay before the parcel ships (AZN)."""
        return self.total() - self.deposit()


def deposit_share(total: Decimal, percent: int) -> Decimal:
    """`percent` % of `total`, half up to the cent (all of it for 0 %)."""
    if not percent:
        return total
    return (total * percent / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


class QuoteLine(models.Model):
    """The price of one requested line in a quote."""

    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="lines")
    request_line = models.ForeignKey(
        QuoteRequestLine, on_delete=models.CASCADE, related_name="quote_lines"
    )
    quantity = models.PositiveIntegerField(_("quantity"))
    unit_price = models.DecimalField(
        _("unit price"),
        max_digits=12,
        decimal_places=2,
        validators=[
            MinValueValidator(Decimal("0.01")),
            MaxValueValidator(MAX_UNIT_PRICE),
        ],
    )

    class Meta:
        ordering = ["request_line_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["quote", "request_line"], name="trade_quote_line_once"
            ),
            models.CheckConstraint(
                condition=Q(unit_price__gt=0), name="trade_quote_line_price"
            ),
            models.CheckConstraint(
                condition=Q(quantity__gte=1), name="trade_quote_line_quantity"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.unit_price}"

    @property
    def total(self) -> Decimal:
        return self.unit_price * self.quantity


class QuoteMessage(models.Model):
    """A message on a request, from the buyer or the resident's people,
    with an optional attachment (a photo or a PDF, checked by its bytes and
    kept in private storage: only the two sides can fetch it)."""

    request = models.ForeignKey(
        QuoteRequest, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    from_resident = models.BooleanField(default=False)
    body = models.TextField(_("message"))
    attachment = models.FileField(
        _("attachment"),
        storage=PrivateStorage(),
        upload_to=_attachment_path,
        max_length=255,
        blank=True,
    )
    attachment_name = models.CharField(max_length=255, blank=True)
    attachment_extension = models.CharField(max_length=10, blank=True)
    attachment_type = models.CharField(max_length=100, blank=True)
    attachment_size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("quote message")
        verbose_name_plural = _("quote messages")

    def __str__(self) -> str:
        return self.body[:60]
