"""iCalendar (RFC 5545) files of course sessions, for the learner's own
calendar app: one VEVENT a session, times in UTC, text escaped and long
lines folded."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from django.conf import settings

from .models import CourseSession


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space,
    never inside a UTF-8 character."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        octets = char.encode()
        limit = 75 if not parts else 74
        if len(current) + len(octets) > limit:
            parts.append(current.decode())
            current = b""
        current += octets
    parts.append(current.decode())
    return "\r\n ".join(parts)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def sessions_ics(
    sessions: Iterable[CourseSession], *, language: str, now: datetime
) -> str:
    """The calendar of `sessions`, course titles in `language`."""
    host = settings.WAGTAILADMIN_BASE_URL.split("//")[-1].strip("/") or "localhost"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Creative Market//Kreativ Edu//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for session in sessions:
        title = session.course.product.title_in(language)
        summary = f"{title}: {session.topic}" if session.topic else title
        lines += [
            "BEGIN:VEVENT",
            f"UID:session-{session.pk}@{host}",
            f"DTSTAMP:{_utc(now)}",
            f"DTSTART:{_utc(session.starts_at)}",
            f"DTEND:{_utc(session.ends_at)}",
            f"SUMMARY:{_escape(summary)}",
        ]
        if session.where:
            lines.append(f"LOCATION:{_escape(session.where)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
