"""The teaching pages' writes and reads: a course's rules, edited by its
resident or staff, and the courses a user may teach."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Min, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.models import StockRecord

from catalogue.kinds import COURSE
from market.residents.selectors import acting_resident

from ..models import OPEN_WAITLIST, Course, SeatStatus
from .attendance import can_teach
from .seats import SeatsUnavailable


def courses_taught_by(user, *, now: datetime | None = None) -> QuerySet[Course]:
    """The courses `user` may teach (staff: every course; the people of a
    resident who may act now: the courses it sells), each annotated with
    `active_seats`, `capacity`, `waitlist_open` and `next_session_at`.
    Scoped here, at the queryset, so another resident's course (or any
    course, for a suspended resident) is simply not found."""
    now = now or timezone.now()
    if not user.is_authenticated:
        return Course.objects.none()
    courses = Course.objects.filter(product__product_class__slug=COURSE)
    if not user.is_staff:
        resident = acting_resident(user)
        if resident is None:
            return Course.objects.none()
        courses = courses.filter(
            product__in=StockRecord.objects.filter(
                partner_id=resident.partner_id
            ).values("product")
        )
    first_record = StockRecord.objects.filter(product=OuterRef("product")).order_by(
        "pk"
    )
    return (
        courses.select_related("product")
        .annotate(
            active_seats=Count(
                "product__seats",
                filter=Q(product__seats__status=SeatStatus.ACTIVE),
                distinct=True,
            ),
            waitlist_open=Count(
                "waitlist", filter=Q(waitlist__status__in=OPEN_WAITLIST), distinct=True
            ),
            next_session_at=Min(
                "sessions__starts_at", filter=Q(sessions__starts_at__gte=now)
            ),
            capacity=Subquery(first_record.values("num_in_stock")[:1]),
        )
        .order_by("product__title", "pk")
    )


@transaction.atomic
def course_rules_update(
    *,
    course: Course,
    by,
    online: bool,
    city: str,
    venue: str,
    enrolment_opens_at: datetime | None,
    enrolment_closes_at: datetime | None,
    completion_percent: int,
) -> Course:
    """Change where a course happens, when learners may enrol and how much
    attendance completes it. Only its resident or staff; refused, with
    nothing changed, when enrolment would close before it opens or the
    percentage is outside 1-100. Seats already completed stay completed."""
    if not can_teach(by, course.product):
        raise PermissionDenied
    if not 1 <= completion_percent <= 100:
        raise SeatsUnavailable(_("The attendance needed must be from 1 to 100%."))
    if (
        enrolment_opens_at is not None
        and enrolment_closes_at is not None
        and enrolment_closes_at <= enrolment_opens_at
    ):
        raise SeatsUnavailable(_("Enrolment must close after it opens."))
    course = Course.objects.select_for_update().get(pk=course.pk)
    course.online = online
    course.city = city
    course.venue = venue
    course.enrolment_opens_at = enrolment_opens_at
    course.enrolment_closes_at = enrolment_closes_at
    course.completion_percent = completion_percent
    course.save(
        update_fields=[
            "online",
            "city",
            "venue",
            "enrolment_opens_at",
            "enrolment_closes_at",
            "completion_percent",
        ]
    )
    return course
