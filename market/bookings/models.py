"""The Centre's studios booked by the hour: rooms with their opening hours,
closures and equipment, quotas of free hours for residents, and bookings.

No two live bookings of one room (or of one piece of equipment) overlap,
buffer included: every writer locks the room's row, then its equipment rows
in primary-key order (`market.bookings.locking`), and re-checks; on
PostgreSQL an exclusion constraint on (room, blocked range) and
(equipment, blocked range) is the last word (migration 0001). A hold that
nobody pays stops counting by itself: `held_until` is part of every
"is this slot taken" query, and a writer marks such holds lapsed before it
inserts.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from market.residents.models import Programme

STUDIO_KINDS = [
    ("photo-video", _("Photo and video")),
    ("sound", _("Sound recording")),
    ("animation", _("Animation")),
    ("dance", _("Dance")),
]

LANGUAGES = ("en", "ru")


def _in_language(instance, field: str, language_code: str | None) -> str:
    language = (language_code or "")[:2].lower()
    if language in LANGUAGES:
        text = getattr(instance, f"{field}_{language}")
        if text:
            return text
    return getattr(instance, field)


class Weekday(models.IntegerChoices):
    """Days of the week, Monday first (Python's `weekday()`)."""

    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


SLOT_GRID = [(30, _("30 minutes")), (60, _("1 hour"))]


class Room(ClusterableModel):
    """A studio room: what it holds, who fits, when it opens, how it is
    booked and what an hour costs. `product` is the catalogue's "studio
    time" listing of the room, sold by the Centre: a paid booking is one
    basket line of it, priced by the booking."""

    kind = models.CharField(_("kind of studio"), max_length=20, choices=STUDIO_KINDS)
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=120, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    equipment = models.TextField(
        _("equipment in the room"), blank=True, help_text=_("One item per line.")
    )
    equipment_en = models.TextField(_("equipment (English)"), blank=True)
    equipment_ru = models.TextField(_("equipment (Russian)"), blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("capacity (people)"), validators=[MinValueValidator(1)]
    )
    time_zone = models.CharField(
        _("time zone"), max_length=40, default="Asia/Baku", editable=False
    )
    slot_minutes = models.PositiveSmallIntegerField(
        _("slot grid"), choices=SLOT_GRID, default=60
    )
    min_minutes = models.PositiveSmallIntegerField(
        _("shortest booking (minutes)"),
        default=60,
        validators=[MinValueValidator(30), MaxValueValidator(24 * 60)],
    )
    max_minutes = models.PositiveSmallIntegerField(
        _("longest booking (minutes)"),
        default=4 * 60,
        validators=[MinValueValidator(30), MaxValueValidator(24 * 60)],
    )
    buffer_minutes = models.PositiveSmallIntegerField(
        _("buffer between bookings (minutes)"),
        default=0,
        validators=[MaxValueValidator(240)],
        help_text=_("Time kept free after each booking, for cleaning or set-up."),
    )
    price_off_peak = models.DecimalField(
        _("price per hour, off-peak (AZN)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.00"))],
    )
    price_peak = models.DecimalField(
        _("price per hour, peak (AZN)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.00"))],
    )
    peak_starts = models.TimeField(
        _("peak hours start"),
        default="17:00",
        help_text=_("On weekdays; Saturday and Sunday are peak all day."),
    )
    peak_ends = models.TimeField(_("peak hours end"), default="22:00")
    cancel_cutoff_hours = models.PositiveSmallIntegerField(
        _("free cancellation until (hours before the start)"),
        default=24,
        validators=[MaxValueValidator(24 * 14)],
    )
    horizon_days = models.PositiveSmallIntegerField(
        _("bookable ahead (days)"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    is_active = models.BooleanField(
        _("open for booking"),
        default=True,
        help_text=_("Closing a room cancels its future bookings, with refunds."),
    )
    product = models.OneToOneField(
        "catalogue.Product",
        verbose_name=_("studio time listing"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="studio_room",
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["kind", "sort_order", "pk"]
        verbose_name = _("studio room")
        verbose_name_plural = _("studio rooms")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_minutes__lte=models.F("max_minutes")),
                name="room_min_at_most_max",
            ),
            models.CheckConstraint(
                condition=Q(slot_minutes__in=[30, 60]), name="room_slot_grid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def name_in(self, language_code: str | None) -> str:
        return _in_language(self, "name", language_code)

    def description_in(self, language_code: str | None) -> str:
        return _in_language(self, "description", language_code)

    def equipment_in(self, language_code: str | None) -> list[str]:
        text = _in_language(self, "equipment", language_code)
        return [line.strip() for line in text.splitlines() if line.strip()]


class OpeningHours(models.Model):
    """One opening of a room on a weekday (a day may have two: morning and
    evening), in the room's time zone."""

    room = ParentalKey(Room, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(opens__lt=models.F("closes")), name="hours_open_first"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class Closure(models.Model):
    """Days or hours a room (or every room, when `room` is empty) is closed:
    a holiday, maintenance. Adding one cancels the bookings it covers."""

    room = models.ForeignKey(
        Room,
        verbose_name=_("room"),
        on_delete=models.CASCADE,
        related_name="closures",
        null=True,
        blank=True,
        help_text=_("Empty: every studio is closed."),
    )
    starts_at = models.DateTimeField(_("closed from"))
    ends_at = models.DateTimeField(_("closed until"))
    reason = models.CharField(_("reason"), max_length=200)
    reason_en = models.CharField(_("reason (English)"), max_length=200, blank=True)
    reason_ru = models.CharField(_("reason (Russian)"), max_length=200, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_at__lt=models.F("ends_at")),
                name="closure_starts_first",
            ),
        ]

    def __str__(self) -> str:
        return self.reason

    def reason_in(self, language_code: str | None) -> str:
        return _in_language(self, "reason", language_code)


class Equipment(models.Model):
    """A piece of equipment (a camera kit, a microphone set) kept in a room,
    booked with the room or alone, for the room's opening hours."""

    room = models.ForeignKey(
        Room,
        verbose_name=_("kept in"),
        on_delete=models.PROTECT,
        related_name="equipment_items",
    )
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=120, blank=True)
    price_per_hour = models.DecimalField(
        _("price per hour (AZN)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.00"))],
    )
    is_active = models.BooleanField(_("can be booked"), default=True)

    class Meta:
        ordering = ["room", "name", "pk"]
        verbose_name = _("equipment")
        verbose_name_plural = _("equipment")

    def __str__(self) -> str:
        return self.name

    def name_in(self, language_code: str | None) -> str:
        return _in_language(self, "name", language_code)


class Quota(models.Model):
    """Free studio hours a month: for every resident of a programme, or for
    one resident (which replaces the programme's)."""

    programme = models.CharField(
        _("programme"),
        max_length=20,
        blank=True,
        default="",
        choices=Programme.choices,
    )
    resident = models.OneToOneField(
        "residents.Resident",
        verbose_name=_("resident"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="studio_quota",
    )
    hours_per_month = models.PositiveSmallIntegerField(
        _("free hours a month"), validators=[MaxValueValidator(744)]
    )

    class Meta:
        verbose_name = _("studio quota")
        verbose_name_plural = _("studio quotas")
        constraints = [
            models.CheckConstraint(
                condition=(Q(resident__isnull=True) & ~Q(programme=""))
                | (Q(resident__isnull=False) & Q(programme="")),
                name="quota_programme_or_resident",
            ),
            models.UniqueConstraint(
                fields=["programme"],
                condition=~Q(programme=""),
                name="quota_one_per_programme",
            ),
        ]

    def __str__(self) -> str:
        return str(self.resident or self.programme)


class BookingStatus(models.TextChoices):
    """Where a booking stands."""

    # Held while its booker pays (until `held_until`; then it counts no more).
    HELD = "held", pgettext_lazy("booking status", "Awaiting payment")
    # Booked: free within a quota, or paid.
    CONFIRMED = "confirmed", pgettext_lazy("booking status", "Booked")
    # Cancelled by its booker or by staff (with a reason).
    CANCELLED = "cancelled", pgettext_lazy("booking status", "Cancelled")
    # A hold that ran out unpaid.
    LAPSED = "lapsed", pgettext_lazy("booking status", "Not paid in time")


LIVE_STATUSES = [BookingStatus.HELD, BookingStatus.CONFIRMED]


class PaidBy(models.TextChoices):
    """How a booking is paid for."""

    # Free hours of the resident's monthly quota.
    QUOTA = "quota", _("Resident's free hours")
    # Paid through the checkout; the Centre is the seller.
    CHECKOUT = "checkout", _("Paid")
    # Booked by staff for the Centre's own use or a guest: no charge.
    CENTRE = "centre", _("Centre")


class Booking(models.Model):
    """One booking of a room (and its equipment), or of equipment alone
    (`uses_room` false; `room` is where it is kept), from `starts_at` to
    `ends_at`; `blocked_until` adds the room's buffer. Prices and the
    cancellation policy are copied in when it is made: later changes to the
    room do not change what the booker was shown."""

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    room = models.ForeignKey(
        Room, verbose_name=_("room"), on_delete=models.PROTECT, related_name="bookings"
    )
    uses_room = models.BooleanField(_("room booked"), default=True)
    booker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("booked by"),
        on_delete=models.PROTECT,
        related_name="studio_bookings",
    )
    resident = models.ForeignKey(
        "residents.Resident",
        verbose_name=_("resident"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="studio_bookings",
        help_text=_("The resident the booker acted for, if any."),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    blocked_until = models.DateTimeField(_("room free again at"))
    people = models.PositiveSmallIntegerField(_("people"), default=1)
    purpose = models.CharField(_("what for"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=BookingStatus.choices)
    paid_by = models.CharField(_("paid by"), max_length=20, choices=PaidBy.choices)
    # What the booking costs in AZN (0.00 on a quota), and its minutes.
    price = models.DecimalField(
        _("price (AZN)"), max_digits=12, decimal_places=2, default=Decimal("0.00")
    )
    minutes = models.PositiveIntegerField(_("minutes"))
    held_until = models.DateTimeField(_("held until"), null=True, blank=True)
    checkout_key = models.CharField(max_length=60, blank=True, default="")
    order_line = models.OneToOneField(
        "order.Line",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="studio_booking",
    )
    # The policy shown when booking.
    cancel_cutoff_hours = models.PositiveSmallIntegerField()
    language = models.CharField(max_length=10, default="az")
    created_at = models.DateTimeField(_("booked at"))
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    cancel_reason = models.TextField(_("reason"), blank=True)
    refunded = models.BooleanField(_("money or hours given back"), default=False)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    no_show = models.BooleanField(_("did not come"), default=False)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("studio booking")
        verbose_name_plural = _("studio bookings")
        indexes = [
            models.Index(fields=["room", "starts_at"]),
            models.Index(fields=["booker", "starts_at"]),
            models.Index(fields=["resident", "starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_at__lt=models.F("ends_at"))
                & Q(ends_at__lte=models.F("blocked_until")),
                name="booking_range_in_order",
            ),
            models.CheckConstraint(
                condition=Q(price__gte=0), name="booking_price_not_negative"
            ),
            models.CheckConstraint(
                condition=~Q(status="held") | Q(held_until__isnull=False),
                name="booking_hold_has_end",
            ),
            models.CheckConstraint(
                condition=~(Q(no_show=True) & Q(checked_in_at__isnull=False)),
                name="booking_no_show_or_checked_in",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.room} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def short_reference(self) -> str:
        return self.reference.hex[:8].upper()

    def is_live(self, now: datetime) -> bool:
        return self.status == BookingStatus.CONFIRMED or (
            self.status == BookingStatus.HELD
            and self.held_until is not None
            and self.held_until > now
        )

    def free_cancellation_until(self) -> datetime:
        return self.starts_at - timedelta(hours=self.cancel_cutoff_hours)

    @property
    def hours(self) -> Decimal:
        return (Decimal(self.minutes) / 60).quantize(Decimal("0.01"))


class BookingEquipment(models.Model):
    """A piece of equipment in a booking, with the booking's range and
    liveness copied in, so one exclusion constraint can keep it to one
    booking at a time."""

    booking = models.ForeignKey(
        Booking, on_delete=models.CASCADE, related_name="equipment_rows"
    )
    equipment = models.ForeignKey(
        Equipment, on_delete=models.PROTECT, related_name="booking_rows"
    )
    starts_at = models.DateTimeField()
    blocked_until = models.DateTimeField()
    is_live = models.BooleanField(default=True)
    price = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("booked equipment")
        verbose_name_plural = _("booked equipment")
        constraints = [
            models.UniqueConstraint(
                fields=["booking", "equipment"], name="booking_equipment_once"
            ),
        ]

    def __str__(self) -> str:
        return str(self.equipment)


def feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """The secret address of a person's studio calendar (subscribe from a
    calendar app); a new token replaces the old one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="studio_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=feed_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)
