"""Sponsored seats: a quota of seats on a course, paid for by a sponsor and
redeemed by learners with a code, optionally only by learners from given
regions (as recorded, with consent, on their learner profile)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from ..models import (
    REGION_NAMES,
    Certificate,
    LearnerProfile,
    Seat,
    SeatStatus,
    SponsoredQuota,
)
from .seats import SeatsUnavailable, enrolment_create


def quota_seats_used(quota: SponsoredQuota) -> int:
    """Seats of the quota held now; a cancelled seat returns to the quota."""
    return quota.redeemed_seats.filter(status=SeatStatus.ACTIVE).count()


@transaction.atomic
def sponsored_seat_redeem(
    *, product, learner, code: str, now: datetime | None = None
) -> Seat:
    """Enrol `learner` on `product` with a sponsor's code. Refused, with
    nothing changed, for an unknown or inactive code, a code of another
    course, a quota used up, or a learner outside the quota's regions."""
    code = (code or "").strip().upper()
    quota = (
        SponsoredQuota.objects.select_for_update()
        .filter(code=code, active=True)
        .first()
    )
    if quota is None:
        raise SeatsUnavailable(_("This code is not valid."))
    if quota.course_id != product.pk:
        raise SeatsUnavailable(_("This code is for another course."))
    if quota_seats_used(quota) >= quota.seats:
        raise SeatsUnavailable(_("All seats of this code have been taken."))
    if quota.regions:
        profile = LearnerProfile.objects.filter(user=learner).first()
        region = profile.region if profile and profile.region_consent else ""
        if region not in quota.regions:
            names = ", ".join(str(REGION_NAMES.get(r, r)) for r in quota.regions)
            if not region:
                raise SeatsUnavailable(
                    _(
                        "This code is for learners from: %(regions)s. Add your "
                        "region to your learner profile first."
                    )
                    % {"regions": names}
                )
            raise SeatsUnavailable(
                _("This code is only for learners from: %(regions)s.")
                % {"regions": names}
            )
    return enrolment_create(product=product, learner=learner, quota=quota, now=now)


def sponsor_report(quota: SponsoredQuota) -> dict:
    """What a sponsor may see of their quota: counts only, never a learner's
    name or contact."""
    seats = quota.redeemed_seats.all()
    active = seats.filter(status=SeatStatus.ACTIVE)
    by_region = active.values("learner__learner_profile__region").annotate(
        count=Count("pk")
    )
    regions = []
    for row in by_region:
        code = row["learner__learner_profile__region"] or ""
        regions.append(
            {
                "code": code,
                "name": str(REGION_NAMES.get(code, _("Not given"))),
                "count": row["count"],
            }
        )
    # "Not given" first, then the regions by code: the same on every database
    # (PostgreSQL and SQLite sort a missing region differently).
    regions.sort(key=lambda region: (region["code"] != "", region["code"]))
    certified = Certificate.objects.filter(
        Q(seat__quota=quota), revoked_at__isnull=True
    ).count()
    used = active.count()
    return {
        "quota": quota,
        "seats": quota.seats,
        "used": used,
        "left": max(quota.seats - used, 0),
        "cancelled": seats.filter(status=SeatStatus.CANCELLED).count(),
        "completed": active.filter(completed_at__isnull=False).count(),
        "certified": certified,
        "by_region": regions,
    }
