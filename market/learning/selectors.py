"""Reads for Kreativ Edu's reports."""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .models import REGIONS, Seat, SeatStatus

NOT_GIVEN = ""


def learners_by_region() -> list[dict]:
    """For the Centre's reporting: per region (every region, then "not
    given"), the number of distinct learners holding an active seat and of
    those who completed one. A region is only known with the learner's
    consent (the profile keeps none without it), so learners who did not
    consent, or have no profile, count as "not given"."""
    active = Seat.objects.filter(status=SeatStatus.ACTIVE)
    columns = {
        "active": active,
        "completed": active.filter(completed_at__isnull=False),
    }
    counts: dict[str, dict[str, int]] = {}
    for column, seats in columns.items():
        rows = (
            seats.values("learner__learner_profile__region")
            .annotate(learners=Count("learner", distinct=True))
            .order_by()
        )
        for row in rows:
            # No profile (NULL) and no consent ("") are both "not given".
            region = row["learner__learner_profile__region"] or NOT_GIVEN
            by_column = counts.setdefault(region, {})
            by_column[column] = by_column.get(column, 0) + row["learners"]
    regions = [*REGIONS, (NOT_GIVEN, _("Not given"))]
    return [
        {
            "code": code,
            "name": str(name),
            "active": counts.get(code, {}).get("active", 0),
            "completed": counts.get(code, {}).get("completed", 0),
        }
        for code, name in regions
    ]
