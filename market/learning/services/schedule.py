"""A course's schedule and rules, edited by its resident or staff."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Attendance, Course, CourseSession
from .attendance import can_teach
from .seats import SeatsUnavailable

SESSION_LINE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2})\s*,?\s*(.*)$")


def sessions_parse(
    text: str, *, hours: int = 2
) -> list[tuple[datetime, datetime, str]]:
    """Sessions written one per line (or separated by ";") as
    "2027-04-05 10:00, place", in the site's time zone."""
    sessions = []
    for part in re.split(r"[;\n]", text or ""):
        match = SESSION_LINE.match(part)
        if not match:
            continue
        day, time, place = match.groups()
        starts = datetime.strptime(f"{day} {time}", "%Y-%m-%d %H:%M").replace(
            tzinfo=timezone.get_current_timezone()
        )
        sessions.append((starts, starts + timedelta(hours=hours), place.strip()))
    return sessions


def _session_create(
    *, course: Course, starts_at: datetime, ends_at: datetime, topic="", place=""
) -> CourseSession:
    if ends_at <= starts_at:
        raise SeatsUnavailable(_("A session must end after it starts."))
    return CourseSession.objects.create(
        course=course, starts_at=starts_at, ends_at=ends_at, topic=topic, place=place
    )


@transaction.atomic
def course_session_add(
    *,
    course: Course,
    by,
    starts_at: datetime,
    ends_at: datetime,
    topic="",
    place="",
) -> CourseSession:
    """Add a session to a course. Only its resident (in good standing) or
    staff: anybody else is refused, with nothing changed."""
    if not can_teach(by, course.product):
        raise PermissionDenied
    return _session_create(
        course=course, starts_at=starts_at, ends_at=ends_at, topic=topic, place=place
    )


@transaction.atomic
def course_session_remove(*, session: CourseSession, by) -> None:
    """Remove a session that has no attendance recorded. Only the course's
    resident (in good standing) or staff."""
    if not can_teach(by, session.course.product):
        raise PermissionDenied
    if Attendance.objects.filter(session=session).exists():
        raise SeatsUnavailable(
            _("Attendance was recorded for this session: it cannot be removed.")
        )
    session.delete()


@transaction.atomic
def course_sessions_from_text(*, course: Course, text: str) -> list[CourseSession]:
    """Sessions of a course with none yet, from the listing's text."""
    if course.sessions.exists():
        return list(course.sessions.all())
    return [
        _session_create(course=course, starts_at=starts, ends_at=ends, place=place)
        for starts, ends, place in sessions_parse(text)
    ]
