"""Selling abroad: shipping profiles (zones, carriers, weight bands), the
listing's profile and export papers, parcels with their lifecycle, and the
staff's table of import charges per destination.

Amounts are AZN (what residents price in); the buyer sees them converted by
the one rounding rule (market.currencies.money)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .countries import COUNTRY_CODES, country_list, country_name


def money_field(verbose_name, **kwargs) -> models.DecimalField:
    """An amount in AZN."""
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, **kwargs)


def validate_countries(value) -> None:
    """A non-empty list of known ISO 3166-1 alpha-2 codes."""
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Choose at least one country."))
    unknown = [code for code in value if code not in COUNTRY_CODES]
    if unknown:
        raise ValidationError(
            _("Unknown country code(s): %(codes)s."),
            params={"codes": ", ".join(map(str, unknown))},
        )


class ShippingProfile(models.Model):
    """How one resident's parcels travel: destination zones, each with one or
    more carriers. A profile without a resident is the Centre's: any resident
    may adopt it for their listings."""

    resident = models.ForeignKey(
        "residents.Resident",
        on_delete=models.CASCADE,
        related_name="shipping_profiles",
        null=True,
        blank=True,
        verbose_name=_("resident"),
        help_text=_("Empty for a Centre-wide profile every resident may use."),
    )
    name = models.CharField(_("name"), max_length=120)
    # Commission on the shipping charge, percent; empty = the site's default
    # (MARKET_SHIPPING_COMMISSION_PERCENT, none unless configured).
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["resident_id", "name"]
        verbose_name = _("shipping profile")
        verbose_name_plural = _("shipping profiles")

    def __str__(self) -> str:
        if self.resident_id is None:
            return _("%(name)s (Centre)") % {"name": self.name}
        return self.name

    @property
    def is_centre_profile(self) -> bool:
        return self.resident_id is None


class ShippingZone(models.Model):
    """A group of destination countries that one profile prices alike. A
    country belongs to at most one zone of a profile."""

    profile = models.ForeignKey(
        ShippingProfile,
        on_delete=models.CASCADE,
        related_name="zones",
        verbose_name=_("shipping profile"),
    )
    name = models.CharField(_("name"), max_length=120)
    countries = models.JSONField(
        _("countries"), default=list, validators=[validate_countries]
    )

    class Meta:
        ordering = ["profile_id", "pk"]
        verbose_name = _("shipping zone")
        verbose_name_plural = _("shipping zones")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        validate_countries(self.countries)
        if len(set(self.countries)) != len(self.countries):
            raise ValidationError({"countries": _("A country is listed twice.")})
        if self.profile_id is None:
            return
        for other in self.profile.zones.exclude(pk=self.pk):
            both = set(other.countries) & set(self.countries)
            if both:
                raise ValidationError(
                    {
                        "countries": _("%(countries)s already in the zone “%(zone)s”.")
                        % {"countries": country_list(both), "zone": other.name}
                    }
                )

    def country_names(self) -> str:
        return country_list(self.countries)


class ShippingRate(models.Model):
    """One carrier or service to a zone (postal EMS, a courier, pick-up at the
    Centre): its price and its delivery time.

    The price of a parcel is the price of the smallest weight band that holds
    it (none: too heavy for this carrier), plus `first_item` for the first
    item and `each_additional` for every further one; nothing at all when the
    parcel's goods cost `free_over` or more."""

    zone = models.ForeignKey(
        ShippingZone,
        on_delete=models.CASCADE,
        related_name="rates",
        verbose_name=_("zone"),
    )
    carrier = models.CharField(
        _("carrier or service"),
        max_length=120,
        help_text=_("For example “Azərpoçt EMS” or “Pick-up at the Centre, Baku”."),
    )
    min_days = models.PositiveSmallIntegerField(_("delivery from (days)"))
    max_days = models.PositiveSmallIntegerField(_("delivery up to (days)"))
    first_item = money_field(
        _("first item (AZN)"),
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    each_additional = money_field(
        _("each additional item (AZN)"),
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    free_over = money_field(
        _("free from an order of (AZN)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )

    class Meta:
        ordering = ["zone_id", "pk"]
        verbose_name = _("shipping rate")
        verbose_name_plural = _("shipping rates")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_days__lte=F("max_days")),
                name="shipping_rate_days_in_order",
                violation_error_message=_(
                    "The shortest delivery time is longer than the longest."
                ),
            ),
            models.CheckConstraint(
                condition=Q(first_item__gte=0) & Q(each_additional__gte=0),
                name="shipping_rate_prices_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.carrier} ({self.zone})"


class WeightBand(models.Model):
    """Up to `max_grams`, a parcel costs `price` with this carrier. Bands are
    given by their upper limit only, so two bands cannot overlap; one limit
    appears once per carrier."""

    rate = models.ForeignKey(
        ShippingRate,
        on_delete=models.CASCADE,
        related_name="bands",
        verbose_name=_("shipping rate"),
    )
    max_grams = models.PositiveIntegerField(
        _("up to (grams)"), validators=[MinValueValidator(1)]
    )
    price = money_field(_("price (AZN)"), validators=[MinValueValidator(Decimal("0"))])

    class Meta:
        ordering = ["rate_id", "max_grams"]
        verbose_name = _("weight band")
        verbose_name_plural = _("weight bands")
        constraints = [
            models.UniqueConstraint(
                fields=["rate", "max_grams"],
                name="weight_band_one_per_limit",
                violation_error_message=_("Two bands end at the same weight."),
            ),
            models.CheckConstraint(
                condition=Q(max_grams__gt=0) & Q(price__gte=0),
                name="weight_band_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"≤ {self.max_grams} g: {self.price} AZN"


class ListingShipping(models.Model):
    """The shipping profile a physical listing travels with."""

    product = models.OneToOneField(
        "catalogue.Product", on_delete=models.CASCADE, related_name="shipping"
    )
    profile = models.ForeignKey(
        ShippingProfile,
        on_delete=models.PROTECT,
        related_name="listings",
        verbose_name=_("shipping profile"),
    )

    class Meta:
        verbose_name = _("listing's shipping")
        verbose_name_plural = _("listings' shipping")

    def __str__(self) -> str:
        return f"{self.product_id}: {self.profile}"


class ExportDocumentKind(models.TextChoices):
    """A paper that travels with a product across a border."""

    # An expert's certificate that an item (a carpet, an antique) may leave
    # the country.
    EXPERT_CERTIFICATE = "expert", _("Expert's certificate for export")
    # Where the goods were made.
    CERTIFICATE_OF_ORIGIN = "origin", _("Certificate of origin")
    # Anything else a carrier or customs may ask for.
    OTHER = "other", _("Other document")


class ExportDocument(models.Model):
    """A paper a resident attached to a listing; it travels with every parcel
    of it, and the commercial invoice lists it."""

    product = models.ForeignKey(
        "catalogue.Product",
        on_delete=models.CASCADE,
        related_name="export_documents",
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=ExportDocumentKind.choices
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="export-documents/")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["product_id", "pk"]
        verbose_name = _("export document")
        verbose_name_plural = _("export documents")

    def __str__(self) -> str:
        return self.title


class ParcelStatus(models.TextChoices):
    """Where one resident's parcel of an order stands."""

    # The buyer paid; the resident has not packed it yet.
    PAID = "paid", pgettext_lazy("parcel status", "Paid")
    # Packed, customs papers printed; waiting for the carrier.
    PACKED = "packed", pgettext_lazy("parcel status", "Packed")
    # Handed to the carrier, with a tracking number.
    SHIPPED = "shipped", pgettext_lazy("parcel status", "Shipped")
    # The buyer has it.
    DELIVERED = "delivered", pgettext_lazy("parcel status", "Delivered")
    # Not sent: its lines and its shipping were refunded.
    CANCELLED = "cancelled", pgettext_lazy("parcel status", "Cancelled")
    # Sent back to the resident: its lines and its shipping were refunded.
    RETURNED = "returned", pgettext_lazy("parcel status", "Returned")


class Parcel(models.Model):
    """The physical lines of one order from one resident, sent together. Its
    shipping was chosen and priced (AZN, and in the charge currency) when the
    buyer pressed "Pay", and is frozen here."""

    order = models.ForeignKey(
        "order.Order", on_delete=models.PROTECT, related_name="parcels"
    )
    partner = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, related_name="parcels"
    )
    lines = models.ManyToManyField("order.Line", related_name="parcels")
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ParcelStatus.choices,
        default=ParcelStatus.PAID,
    )
    country = models.CharField(_("destination"), max_length=2)
    rate = models.ForeignKey(
        ShippingRate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    carrier = models.CharField(_("carrier"), max_length=120)
    min_days = models.PositiveSmallIntegerField(_("delivery from (days)"))
    max_days = models.PositiveSmallIntegerField(_("delivery up to (days)"))
    weight_grams = models.PositiveIntegerField(_("weight (g)"))
    charge = money_field(_("shipping (AZN)"))
    amount = money_field(_("shipping charged"))
    currency = models.CharField(_("currency"), max_length=3)
    tracking_number = models.CharField(_("tracking number"), max_length=100, blank=True)
    tracking_url = models.URLField(_("tracking link"), max_length=500, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    packed_at = models.DateTimeField(null=True, blank=True)
    shipped_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["order_id", "pk"]
        verbose_name = _("parcel")
        verbose_name_plural = _("parcels")
        constraints = [
            models.UniqueConstraint(
                fields=["order", "partner"], name="parcel_one_per_resident_and_order"
            ),
            models.CheckConstraint(
                condition=Q(charge__gte=0) & Q(amount__gte=0),
                name="parcel_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["shipped", "delivered"])
                | ~Q(tracking_number=""),
                name="parcel_shipped_has_tracking_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order_id}/{self.partner_id}: {self.get_status_display()}"

    def country_name(self) -> str:
        return country_name(self.country)


class ImportCharges(models.Model):
    """What a recipient in one country may pay on delivery: the import VAT
    (or GST, sales tax) rate, the value under which nothing is charged, and
    the carrier's flat clearance fee. An estimate shown before paying; staff
    keep it current and say when they checked it."""

    country = models.CharField(_("country"), max_length=2, unique=True)
    tax_name = models.CharField(
        _("name of the tax"), max_length=40, default="VAT", help_text=_("VAT, GST…")
    )
    tax_percent = models.DecimalField(
        _("tax (percent)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    free_under = models.DecimalField(
        _("nothing charged under"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("The value of goods under which no duty or tax is charged."),
    )
    clearance_fee = models.DecimalField(
        _("clearance fee"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal(0))],
    )
    currency = models.CharField(
        _("currency of the amounts"), max_length=3, default="EUR"
    )
    checked_on = models.DateField(_("checked on"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["country"]
        verbose_name = _("import charges")
        verbose_name_plural = _("import charges")
        constraints = [
            models.CheckConstraint(
                condition=Q(tax_percent__gte=0, tax_percent__lte=100)
                & Q(free_under__gte=0)
                & Q(clearance_fee__gte=0),
                name="import_charges_in_range",
            ),
        ]

    def __str__(self) -> str:
        return country_name(self.country)

    def clean(self) -> None:
        # An empty country is its field's to refuse (blank=False); a form that
        # already refused the country leaves it empty here.
        if self.country and self.country not in COUNTRY_CODES:
            raise ValidationError({"country": _("Choose a country.")})
