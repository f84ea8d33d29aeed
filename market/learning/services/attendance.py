"""Attendance per session, marked by the course's resident or staff, and the
completion rule it feeds: a learner completes a course when its last session
has begun and they attended at least the course's `completion_percent` of
its sessions. Completion issues the certificate."""

from __future__ import annotations

import math
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from market.residents.selectors import acting_resident

from ..models import Attendance, Course, CourseSession, Seat, SeatStatus
from .certificates import certificate_issue
from .seats import SeatsUnavailable


def can_teach(user, product) -> bool:
    """Staff, or one of the people of the resident selling the course, while
    that resident may act (approved: a suspended resident marks no
    attendance, so issues no certificate, and edits no course)."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    resident = acting_resident(user)
    return (
        resident is not None
        and product.stockrecords.filter(partner_id=resident.partner_id).exists()
    )


def sessions_needed(course: Course) -> int:
    total = course.sessions.count()
    return math.ceil(total * course.completion_percent / 100)


@transaction.atomic
def attendance_mark(
    *,
    session: CourseSession,
    present_seat_ids: set[int],
    by,
    now: datetime | None = None,
) -> list[Attendance]:
    """Record who came to `session`: every active seat of the course gets a
    row, present or not (marking again corrects it). Then check completion
    for each seat. Refused before the session starts, and for anyone but the
    course's resident and staff."""
    now = now or timezone.now()
    course = session.course
    if not can_teach(by, course.product):
        raise PermissionDenied
    if session.starts_at > now:
        raise SeatsUnavailable(
            _("Attendance can be marked once the session has started.")
        )
    seats = list(
        Seat.objects.select_for_update()
        .filter(course_id=course.product_id, status=SeatStatus.ACTIVE)
        .order_by("pk")
    )
    unknown = set(present_seat_ids) - {seat.pk for seat in seats}
    if unknown:
        raise SeatsUnavailable(_("Some learners marked are not on this course."))
    rows = []
    for seat in seats:
        row, _created = Attendance.objects.update_or_create(
            session=session,
            seat=seat,
            defaults={"present": seat.pk in present_seat_ids, "marked_by": by},
        )
        rows.append(row)
    for seat in seats:
        seat_completion_check(seat=seat, now=now)
    return rows


def seat_completion_check(*, seat: Seat, now: datetime | None = None) -> bool:
    """Mark the seat completed (and issue its certificate) when the course's
    last session has begun and the learner attended enough sessions. Returns
    whether the seat is completed."""
    now = now or timezone.now()
    if seat.completed_at is not None:
        return True
    course = Course.objects.get(product_id=seat.course_id)
    last = course.sessions.order_by("-starts_at").first()
    if last is None or last.starts_at > now:
        return False
    attended = Attendance.objects.filter(
        seat=seat, session__course=course, present=True
    ).count()
    if attended < sessions_needed(course):
        return False
    seat.completed_at = now
    seat.save(update_fields=["completed_at"])
    certificate_issue(seat=seat, now=now)
    return True
