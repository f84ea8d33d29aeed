"""A course's schedule and rules, edited by its resident or staff."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Attendance, Course, CourseSession, course_first_session_refresh
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


# A course has at most this many sessions; the editor's formset reads no
# more rows than this, and a post with more is refused whole.
MAX_SESSIONS = 60


def to_minute(moment):
    return moment.replace(second=0, microsecond=0) if moment else moment


def session_row_changed(session, row: dict) -> bool:
    """Whether a row says something else than the session (to the minute,
    as the date-time pickers give it)."""
    return (
        to_minute(row.get("starts_at")),
        to_minute(row.get("ends_at")),
        row.get("topic", ""),
        row.get("place", ""),
    ) != (
        to_minute(session.starts_at),
        to_minute(session.ends_at),
        session.topic,
        session.place,
    )


def _overlapping(rows: list[dict]) -> bool:
    ordered = sorted(rows, key=lambda row: row["starts_at"])
    return any(
        after["starts_at"] < before["ends_at"]
        for before, after in zip(ordered, ordered[1:], strict=False)
    )


@transaction.atomic
def course_sessions_save(
    *, course: Course, by, rows: list[dict], now: datetime | None = None
) -> list[CourseSession]:
    """Make a course's sessions what the editor's rows say: each row with an
    `id` updates that session, a row without one adds a session, and every
    session of the course not in `rows` is removed. Only its resident (in
    good standing) or staff. Refused whole, with nothing changed
    (SeatsUnavailable), when an id is not a session of this course (or comes
    twice), a session would end before it starts, a new or changed one does
    not start after `now`, two overlap, a session with attendance would
    change or go, or no session would be left."""
    if not can_teach(by, course.product):
        raise PermissionDenied
    now = now or timezone.now()
    course = Course.objects.select_for_update().get(pk=course.pk)
    sessions = {session.pk: session for session in course.sessions.all()}
    marked = set(
        Attendance.objects.filter(session__course=course).values_list(
            "session_id", flat=True
        )
    )
    ids = [row["id"] for row in rows if row.get("id")]
    if len(ids) != len(set(ids)) or not set(ids) <= set(sessions):
        raise SeatsUnavailable(_("This is not a session of this course."))
    if not rows:
        raise SeatsUnavailable(_("A course needs at least one session."))
    if len(rows) > MAX_SESSIONS:
        raise SeatsUnavailable(_("A course has too many sessions."))
    for row in rows:
        if row["ends_at"] <= row["starts_at"]:
            raise SeatsUnavailable(_("A session must end after it starts."))
        session = sessions.get(row.get("id"))
        changed = session is None or session_row_changed(session, row)
        if session is not None and changed and session.pk in marked:
            raise SeatsUnavailable(
                _("Attendance was recorded for this session: it cannot be removed.")
            )
        if changed and row["starts_at"] <= now:
            raise SeatsUnavailable(_("A session must start in the future."))
        row["changed"] = changed
    if _overlapping(rows):
        raise SeatsUnavailable(_("Two sessions overlap."))
    removed = set(sessions) - set(ids)
    if removed & marked:
        raise SeatsUnavailable(
            _("Attendance was recorded for this session: it cannot be removed.")
        )
    CourseSession.objects.filter(pk__in=removed).delete()
    for row in rows:
        session = sessions.get(row.get("id"))
        if session is None:
            CourseSession.objects.create(
                course=course,
                starts_at=row["starts_at"],
                ends_at=row["ends_at"],
                topic=row.get("topic", ""),
                place=row.get("place", ""),
            )
        elif row["changed"]:
            session.starts_at = row["starts_at"]
            session.ends_at = row["ends_at"]
            session.topic = row.get("topic", "")
            session.place = row.get("place", "")
            session.save()
    course_first_session_refresh(course.pk)
    return list(course.sessions.order_by("starts_at", "pk"))
