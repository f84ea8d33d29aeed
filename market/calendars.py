"""iCalendar (RFC 5545) text, shared by every calendar file of the site
(course sessions, studio bookings): escaping, line folding, UTC stamps and
the envelope of a calendar."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from django.conf import settings


def escape(text: str) -> str:
    """A TEXT value: backslash, semicolon, comma and new lines escaped."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
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


def utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def site_host() -> str:
    """The host name that makes UIDs unique to this site."""
    return settings.WAGTAILADMIN_BASE_URL.split("//")[-1].strip("/") or "localhost"


def calendar_text(events: Iterable[list[str]], *, product: str) -> str:
    """A VCALENDAR of `events` (each its VEVENT's lines), CRLF ends, folded."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//Creative Market//{product}//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for event in events:
        lines += ["BEGIN:VEVENT", *event, "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
