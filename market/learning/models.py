"""Kreativ Edu: a course's schedule and rules, the learners' seats, the
waitlist and its offers, sponsored seat quotas, attendance and certificates.

A course is a catalogue product of the kind "course"; its capacity is the
`num_in_stock` of its stock record, and every seat taken (a free enrolment,
a sponsored code, a paid checkout's hold) is a unit of `num_allocated`,
taken by one conditional UPDATE (`market.learning.services.seats`). An open
waitlist offer is not allocated: it is subtracted from the seats that others
can take, so only the learner it was made to can take it.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q, Subquery
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from market.places import place_name

# Azerbaijan's fourteen economic regions (2021), for the Centre's reporting of
# learners by region; "abroad" for learners who live elsewhere.
REGIONS = [
    ("baku", _("Baku")),
    ("absheron-khizi", _("Absheron-Khizi")),
    ("mountainous-shirvan", _("Mountainous Shirvan")),
    ("ganja-dashkasan", _("Ganja-Dashkasan")),
    ("karabakh", _("Karabakh")),
    ("gazakh-tovuz", _("Gazakh-Tovuz")),
    ("guba-khachmaz", _("Guba-Khachmaz")),
    ("lankaran-astara", _("Lankaran-Astara")),
    ("central-aran", _("Central Aran")),
    ("mil-mughan", _("Mil-Mughan")),
    ("sheki-zagatala", _("Sheki-Zagatala")),
    ("east-zangezur", _("East Zangezur")),
    ("shirvan-salyan", _("Shirvan-Salyan")),
    ("nakhchivan", _("Nakhchivan")),
    ("abroad", _("Outside Azerbaijan")),
]
REGION_NAMES = dict(REGIONS)

# Age bands for the Centre's figures (kept only with the learner's consent).
AGE_BANDS = [
    ("under-14", _("Under 14")),
    ("14-17", _("14 to 17")),
    ("18-24", _("18 to 24")),
    ("25-34", _("25 to 34")),
    ("35-plus", _("35 or older")),
]


class LearnerProfile(models.Model):
    """What Kreativ Edu keeps about a learner beyond the account: the region,
    and the age band, each only with the learner's consent (for the Centre's
    figures of learners by region and age), and the language for e-mails
    and certificates. Nothing else."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="learner_profile",
    )
    region = models.CharField(_("region"), max_length=30, choices=REGIONS, blank=True)
    region_consent = models.BooleanField(
        _("I agree that the Centre records my region for its reports"),
        default=False,
    )
    consented_at = models.DateTimeField(null=True, blank=True)
    age_band = models.CharField(
        _("age band"), max_length=10, choices=AGE_BANDS, blank=True
    )
    age_band_consent = models.BooleanField(
        _("I agree that the Centre records my age band for its reports"),
        default=False,
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="az"
    )

    class Meta:
        verbose_name = _("learner profile")
        verbose_name_plural = _("learner profiles")
        constraints = [
            # No region is kept without consent.
            models.CheckConstraint(
                condition=Q(region_consent=True) | Q(region=""),
                name="learner_region_needs_consent",
            ),
            models.CheckConstraint(
                condition=Q(age_band_consent=True) | Q(age_band=""),
                name="learner_age_band_needs_consent",
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)


class CourseLanguage(models.TextChoices):
    """The language a course is taught in."""

    # Taught in Azerbaijani.
    AZ = "az", _("Azerbaijani")
    # Taught in English.
    EN = "en", _("English")
    # Taught in Russian.
    RU = "ru", _("Russian")


class CourseLevel(models.TextChoices):
    """Who a course is for."""

    # Anyone, whatever they know already.
    ALL = "all", _("All levels")
    # No experience needed.
    BEGINNER = "beginner", _("Beginner")
    # Some experience expected.
    INTERMEDIATE = "intermediate", _("Intermediate")
    # For people who practise it already.
    ADVANCED = "advanced", _("Advanced")


class Course(models.Model):
    """The learning side of a course product: where it happens, when learners
    may enrol, and what completing it takes. One row per course product."""

    product = models.OneToOneField(
        "catalogue.Product",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="course",
    )
    online = models.BooleanField(_("online"), default=False)
    city = models.CharField(_("city or region"), max_length=100, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    enrolment_opens_at = models.DateTimeField(
        _("enrolment opens"), null=True, blank=True
    )
    enrolment_closes_at = models.DateTimeField(
        _("enrolment closes"), null=True, blank=True
    )
    completion_percent = models.PositiveSmallIntegerField(
        _("attendance needed to complete (%)"), default=80
    )
    language = models.CharField(
        _("language of teaching"),
        max_length=10,
        choices=CourseLanguage.choices,
        default=CourseLanguage.AZ,
    )
    level = models.CharField(
        _("level"), max_length=20, choices=CourseLevel.choices, default=CourseLevel.ALL
    )
    # When the first session starts, kept by CourseSession.save() and
    # .delete(), so that "has enrolment closed" needs no query on a row in
    # hand (the availability rule asks it of every course card).
    first_session_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        constraints = [
            models.CheckConstraint(
                condition=Q(completion_percent__gte=1) & Q(completion_percent__lte=100),
                name="course_completion_percent_range",
            ),
            models.CheckConstraint(
                condition=Q(enrolment_opens_at__isnull=True)
                | Q(enrolment_closes_at__isnull=True)
                | Q(enrolment_closes_at__gt=models.F("enrolment_opens_at")),
                name="course_enrolment_window_order",
            ),
        ]
        indexes = [
            # "Upcoming courses, soonest first" (the Kreativ Edu home's lists,
            # the course blocks): walked in order, a few rows each; without
            # it every course was joined and sorted (87 ms at 20,000
            # courses, issue 16).
            models.Index(
                fields=["first_session_at", "product"], name="course_first_session"
            ),
        ]

    def __str__(self) -> str:
        return self.product.get_title()

    @property
    def place(self) -> str:
        if self.online:
            return str(_("Online"))
        city = place_name(self.city, get_language())
        return ", ".join(part for part in (self.venue, city) if part)

    @property
    def enrolment_ends_at(self):
        """When enrolment closes: the course's own date, or else when its
        first session starts (None: no date yet, enrolment stays open)."""
        return self.enrolment_closes_at or self.first_session_at

    def enrolment_has_closed(self, now) -> bool:
        ends = self.enrolment_ends_at
        return ends is not None and now >= ends


def course_first_session_refresh(course_id: int) -> None:
    """Store when the course's first session starts (one UPDATE)."""
    first = (
        CourseSession.objects.filter(course_id=course_id)
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    Course.objects.filter(pk=course_id).update(first_session_at=Subquery(first))


class CourseSession(models.Model):
    """One meeting of a course: when and where. Attendance is kept per
    session."""

    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="sessions"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    place = models.CharField(
        _("place"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty to use the course's place."),
    )

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course} {self.starts_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        course_first_session_refresh(self.course_id)

    def delete(self, *args, **kwargs):
        course_id = self.course_id
        result = super().delete(*args, **kwargs)
        course_first_session_refresh(course_id)
        return result

    @property
    def where(self) -> str:
        return self.place or self.course.place


class SeatStatus(models.TextChoices):
    """A learner's place on a course."""

    # The learner holds the seat.
    ACTIVE = "active", pgettext_lazy("seat status", "Active")
    # Given back (refund or cancellation); the seat is free again.
    CANCELLED = "cancelled", pgettext_lazy("seat status", "Cancelled")


class SeatSource(models.TextChoices):
    """How the seat was taken."""

    # Bought through the shop's checkout (one seat per unit of the line).
    ORDER = "order", _("Paid order")
    # A free course, on one click.
    FREE = "free", _("Free enrolment")
    # A sponsored code, paid for by the sponsor.
    SPONSORED = "sponsored", _("Sponsored seat")


class Seat(models.Model):
    """One place on a course, held by a learner. A paid course line creates
    one seat per unit bought; free and sponsored seats have no line. Every
    active seat is one allocated unit of the course's stock record."""

    course = models.ForeignKey(
        "catalogue.Product", on_delete=models.PROTECT, related_name="seats"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="seats"
    )
    line = models.ForeignKey(
        "order.Line",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seats",
    )
    # Which unit of the line (1..quantity): one seat per unit, never two.
    unit = models.PositiveIntegerField(default=1)
    source = models.CharField(
        _("source"), max_length=20, choices=SeatSource.choices, default=SeatSource.ORDER
    )
    quota = models.ForeignKey(
        "learning.SponsoredQuota",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="redeemed_seats",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SeatStatus.choices,
        default=SeatStatus.ACTIVE,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        constraints = [
            models.UniqueConstraint(
                fields=["line", "unit"],
                condition=Q(line__isnull=False),
                name="seat_one_per_line_unit",
            ),
            # Outside the shop, one active seat per learner and course.
            models.UniqueConstraint(
                fields=["course", "learner"],
                condition=Q(line__isnull=True, status="active"),
                name="seat_one_free_per_learner",
            ),
            models.CheckConstraint(
                condition=Q(source="sponsored", quota__isnull=False)
                | (~Q(source="sponsored") & Q(quota__isnull=True)),
                name="seat_sponsored_has_quota",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course} – {self.learner}"


class WaitlistStatus(models.TextChoices):
    """Where a learner stands on a full course's waitlist."""

    # Waiting, first come first served.
    WAITING = "waiting", _("Waiting")
    # A seat is kept for this learner until the offer expires.
    OFFERED = "offered", _("Seat offered")
    # The learner took the seat (enrolled, or paid through the shop).
    ENROLLED = "enrolled", _("Enrolled")
    # The offer ran out; the seat went to the next learner.
    EXPIRED = "expired", _("Offer expired")
    # The learner left the waitlist or declined the offer.
    LEFT = "left", _("Left the waitlist")


OPEN_WAITLIST = (WaitlistStatus.WAITING, WaitlistStatus.OFFERED)


class WaitlistEntry(models.Model):
    """A learner waiting for a seat on a full course. When a seat frees, the
    first waiting learner is offered it and holds it until `offer_expires_at`;
    then the next one."""

    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="waitlist"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="waitlist"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=WaitlistStatus.choices,
        default=WaitlistStatus.WAITING,
    )
    joined_at = models.DateTimeField(auto_now_add=True)
    offered_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["joined_at", "pk"]
        verbose_name = _("waitlist entry")
        verbose_name_plural = _("waitlist entries")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "learner"],
                condition=Q(status__in=["waiting", "offered"]),
                name="waitlist_one_open_per_learner",
            ),
            models.CheckConstraint(
                condition=~Q(status="offered") | Q(offer_expires_at__isnull=False),
                name="waitlist_offer_has_expiry",
            ),
        ]
        indexes = [models.Index(fields=["course", "status", "joined_at"])]

    def __str__(self) -> str:
        return f"{self.course} – {self.learner} ({self.status})"


def new_code() -> str:
    """A code people can type: 12 letters and digits without look-alikes."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(12))


def new_token() -> str:
    return secrets.token_urlsafe(24)


class SponsoredQuota(models.Model):
    """Seats on a course paid for by a sponsor, redeemed by learners with a
    code, optionally only by learners from given regions. The sponsor follows
    the use on a private report page (counts only, no learner's identity)."""

    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, related_name="sponsored_quotas"
    )
    sponsor = models.CharField(_("sponsor"), max_length=200)
    sponsor_email = models.EmailField(_("sponsor's e-mail"), blank=True)
    seats = models.PositiveIntegerField(_("seats"))
    regions = models.JSONField(
        _("regions"),
        default=list,
        blank=True,
        help_text=_("Only learners from these regions may redeem; none: anyone."),
    )
    code = models.CharField(_("code"), max_length=32, unique=True, default=new_code)
    report_token = models.CharField(max_length=64, unique=True, default=new_token)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("sponsored seats")
        verbose_name_plural = _("sponsored seats")
        constraints = [
            models.CheckConstraint(condition=Q(seats__gte=1), name="quota_seats_min"),
        ]

    def __str__(self) -> str:
        return f"{self.sponsor}: {self.course} ({self.seats})"

    def region_names(self) -> list[str]:
        return [str(REGION_NAMES.get(code, code)) for code in self.regions]


class Attendance(models.Model):
    """Whether a seat's learner came to a session, as marked by the course's
    resident or staff."""

    session = models.ForeignKey(
        CourseSession, on_delete=models.CASCADE, related_name="attendance"
    )
    seat = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField(_("present"), default=False)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    marked_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "seat"], name="attendance_one_per_session_seat"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session} – {self.seat.learner}: {self.present}"


class Certificate(models.Model):
    """Proof that a learner completed a course. The name, course title and
    date are copied when it is issued, so the public verification page shows
    what was certified and nothing else about the learner."""

    seat = models.OneToOneField(
        Seat, on_delete=models.PROTECT, related_name="certificate"
    )
    code = models.CharField(_("code"), max_length=32, unique=True, default=new_code)
    learner_name = models.CharField(_("learner's name"), max_length=200)
    course_title = models.CharField(_("course"), max_length=255)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="az"
    )
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    completed_on = models.DateField(_("completed on"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason"), max_length=300, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-issued_at", "pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return f"{self.code} – {self.learner_name}"

    @property
    def valid(self) -> bool:
        return self.revoked_at is None
