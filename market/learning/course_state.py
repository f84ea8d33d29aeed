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
from .selectors import STATE_FIELDS, course_card, with_course_state
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


def course_state(course: Course, user=None, *, now: datetime | None = None):
    """What the course panel shows of `course` to `user`: the card's state
    read in one query (`selectors.with_course_state`, with this learner's
    own offer and waiting place, so the seats left are those this learner
    could take), its sessions, and where this learner stands."""
    now = now or timezone.now()
    learner = user if user is not None and user.is_authenticated else None
    row = (
        with_course_state(Course.objects.filter(pk=course.pk), now=now, learner=learner)
        .values(*STATE_FIELDS)
        .get()
    )
    card = course_card(course, row, now=now)
    state = CourseState(
        course=course,
        sessions=list(course.sessions.all()),
        capacity=card.capacity,
        seats_left=card.seats_left,
        free=card.free,
        # Open: neither closed nor not yet open (`seats.enrolment_is_open`).
        open=not card.soon and not card.closed,
        closes_at=course.enrolment_ends_at,
        teacher=card.teacher,
        price=card.price,
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
