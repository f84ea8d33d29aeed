"""iCalendar (RFC 5545) files of course sessions, for the learner's own
calendar app: one VEVENT a session, times in UTC, text escaped and long
lines folded (market.calendars)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from market.calendars import calendar_text, escape, site_host, utc_stamp

from .models import CourseSession


def sessions_ics(
    sessions: Iterable[CourseSession], *, language: str, now: datetime
) -> str:
    """The calendar of `sessions`, course titles in `language`."""
    host = site_host()
    events = []
    for session in sessions:
        title = session.course.product.title_in(language)
        summary = f"{title}: {session.topic}" if session.topic else title
        event = [
            f"UID:session-{session.pk}@{host}",
            f"DTSTAMP:{utc_stamp(now)}",
            f"DTSTART:{utc_stamp(session.starts_at)}",
            f"DTEND:{utc_stamp(session.ends_at)}",
            f"SUMMARY:{escape(summary)}",
        ]
        if session.where:
            event.append(f"LOCATION:{escape(session.where)}")
        events.append(event)
    return calendar_text(events, product="Kreativ Edu")
