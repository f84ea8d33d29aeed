"""What a course page and "My learning" show a learner: seats left, whether
enrolment is open, and where this learner stands (seat, offer, waitlist)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from .models import (
    Course,
    CourseSession,
    Seat,
    SeatStatus,
    WaitlistEntry,
    WaitlistStatus,
)
from .services.seats import (
    enrolment_closes_at,
    enrolment_is_open,
    is_free,
    seats_left,
    stockrecord_for,
)
from .services.waitlist import waitlist_position


@dataclass
class CourseState:
    course: Course
    sessions: list[CourseSession]
    capacity: int
    seats_left: int
    free: bool
    open: bool
    closes_at: datetime | None
    teacher: str = ""
    price: Decimal | None = None
    seat: Seat | None = None
    entry: WaitlistEntry | None = None
    position: int | None = None

    @property
    def full(self) -> bool:
        return self.seats_left <= 0

    @property
    def offered(self) -> bool:
        return self.entry is not None and self.entry.status == WaitlistStatus.OFFERED

    @property
    def not_yet_open(self) -> bool:
        opens = self.course.enrolment_opens_at
        return opens is not None and timezone.now() < opens

    @property
    def closed(self) -> bool:
        """Enrolment has closed (not merely not open yet)."""
        return not self.open and not self.not_yet_open

    @property
    def availability(self) -> str:
        """The same states as the catalogue's cards (CourseAvailability)."""
        if self.not_yet_open:
            return "soon"
        if self.closed:
            return "closed"
        return "full" if self.full else "open"


def _teacher(record) -> str:
    resident = getattr(record.partner, "resident", None) if record else None
    return resident.display_name if resident is not None else ""


def course_state(course: Course, user=None, *, now: datetime | None = None):
    now = now or timezone.now()
    learner = user if user is not None and user.is_authenticated else None
    record = stockrecord_for(course.product)
    state = CourseState(
        course=course,
        sessions=list(course.sessions.all()),
        capacity=(record.num_in_stock or 0) if record else 0,
        seats_left=seats_left(course, now=now, learner=learner),
        free=is_free(course),
        open=enrolment_is_open(course, now=now),
        closes_at=enrolment_closes_at(course),
        teacher=_teacher(record),
        price=record.price if record else None,
    )
    if learner is None:
        return state
    state.seat = (
        Seat.objects.filter(
            course_id=course.product_id, learner=learner, status=SeatStatus.ACTIVE
        )
        .order_by("pk")
        .first()
    )
    state.entry = (
        WaitlistEntry.objects.filter(
            course=course,
            learner=learner,
            status__in=[WaitlistStatus.WAITING, WaitlistStatus.OFFERED],
        )
        .filter(Q(offer_expires_at__isnull=True) | Q(offer_expires_at__gt=now))
        .first()
    )
    if state.entry is not None and state.entry.status == WaitlistStatus.WAITING:
        state.position = waitlist_position(state.entry)
    return state


def learner_seats(user):
    """The learner's seats, newest first, with what the pages show."""
    return (
        Seat.objects.filter(learner=user)
        .select_related("course", "course__course", "certificate")
        .prefetch_related("course__course__sessions", "attendance")
        .order_by("-created_at", "-pk")
    )


def learner_upcoming_sessions(user, *, now: datetime | None = None):
    now = now or timezone.now()
    return (
        CourseSession.objects.filter(
            course__product__seats__learner=user,
            course__product__seats__status=SeatStatus.ACTIVE,
            ends_at__gte=now,
        )
        .select_related("course__product")
        .distinct()
        .order_by("starts_at", "pk")
    )


def learner_sessions(user):
    """Every session of the learner's active seats (the calendar feed)."""
    return (
        CourseSession.objects.filter(
            course__product__seats__learner=user,
            course__product__seats__status=SeatStatus.ACTIVE,
        )
        .select_related("course__product")
        .distinct()
        .order_by("starts_at", "pk")
    )


def learner_waitlist(user, *, now: datetime | None = None):
    now = now or timezone.now()
    entries = list(
        WaitlistEntry.objects.filter(
            learner=user,
            status__in=[WaitlistStatus.WAITING, WaitlistStatus.OFFERED],
        )
        .select_related("course__product")
        .order_by("joined_at", "pk")
    )
    for entry in entries:
        entry.position = (
            waitlist_position(entry) if entry.status == WaitlistStatus.WAITING else None
        )
        entry.offer_live = (
            entry.status == WaitlistStatus.OFFERED and entry.offer_expires_at > now
        )
    return entries
