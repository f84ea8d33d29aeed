"""How a room is told to a visitor: its week of opening hours and the name
of its time zone. Shared by the room page and the studio pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from . import rules, selectors
from .models import Room, Weekday


@dataclass(frozen=True)
class DayHours:
    weekday: str
    hours: str  # "10:00–14:00, 16:00–22:00", or "" when closed


def weekly_hours(room: Room) -> list[DayHours]:
    openings = selectors.opening_hours(room)
    return [
        DayHours(
            weekday=str(label),
            hours=", ".join(
                f"{opening.opens:%H:%M}–{opening.closes:%H:%M}"
                for opening in sorted(openings, key=lambda item: item.opens)
                if opening.weekday == value
            ),
        )
        for value, label in Weekday.choices
    ]


def zone_label(room: Room, now: datetime | None = None) -> str:
    """ "Baku time (GMT+4)": the zone every time of the room is shown in."""
    moment = rules.local(room, now or timezone.now())
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    gmt = f"GMT{sign}{hours}" + (f":{rest:02d}" if rest else "")
    if room.time_zone == "Asia/Baku":
        return _("Baku time (%(offset)s)") % {"offset": gmt}
    return f"{room.time_zone} ({gmt})"
