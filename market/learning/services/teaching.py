"""The teaching pages' writes and reads: a course's rules, edited by its
resident or staff, and the courses a user may teach."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Min, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from oscar.apps.partner.models import StockRecord

from catalogue.kinds import COURSE
from market.residents.selectors import acting_resident

from ..models import OPEN_WAITLIST, Course, CourseLanguage, CourseLevel, SeatStatus
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
    seats: int | None = None,
    language: str | None = None,
    level: str | None = None,
) -> Course:
    """Change where a course happens, when learners may enrol, how much
    attendance completes it, how many seats it has (the one seats figure:
    its stock record's units) and its language and level (choices). Only
    its resident or staff; refused, with nothing changed, when enrolment
    would close before it opens, the percentage is outside 1-100, fewer
    seats than are taken, or a language or level that is not a choice.
    Seats already completed stay completed; seats added go to the waitlist
    first (market.learning.receivers)."""
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
    if language is not None and language not in CourseLanguage.values:
        raise SeatsUnavailable(_("Choose a language of the list."))
    if level is not None and level not in CourseLevel.values:
        raise SeatsUnavailable(_("Choose a level of the list."))
    course = Course.objects.select_for_update().get(pk=course.pk)
    if seats is not None:
        _seats_set(course, seats)
    if language is not None:
        course.language = language
    if level is not None:
        course.level = level
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
            "language",
            "level",
        ]
    )
    if language is not None or level is not None:
        _listing_attributes_mirror(course)
    return course


def _listing_attributes_mirror(course: Course) -> None:
    """The listing's "language" and "level" attributes say what the course
    says (search facets and the shop read them; saving them re-indexes)."""
    product = course.product
    changed = False
    for code in ("language", "level"):
        if getattr(product.attr, code, None) != getattr(course, code):
            setattr(product.attr, code, getattr(course, code))
            changed = True
    if changed:
        product.attr.save()


def _seats_set(course: Course, seats: int) -> None:
    record = (
        StockRecord.objects.select_for_update()
        .filter(product_id=course.product_id)
        .order_by("pk")
        .first()
    )
    if record is None:
        raise SeatsUnavailable(_("This course is not sold by a shop."))
    taken = record.num_allocated or 0
    if seats < taken:
        raise SeatsUnavailable(
            ngettext(
                "%(taken)d seat is taken already: keep at least that many.",
                "%(taken)d seats are taken already: keep at least that many.",
                taken,
            )
            % {"taken": taken}
        )
    if record.num_in_stock != seats:
        record.num_in_stock = seats
        # Saved (not updated): the receiver offers new seats to the waitlist.
        record.save(update_fields=["num_in_stock"])


def course_language_and_level_set(*, product, language, level) -> None:
    """A course listing's language and level, as its resident chose them in
    the listing form (values that are not choices are left as they were)."""
    course, _created = Course.objects.get_or_create(product_id=product.pk)
    fields = []
    if language in CourseLanguage.values:
        course.language = language
        fields.append("language")
    if level in CourseLevel.values:
        course.level = level
        fields.append("level")
    if fields:
        course.save(update_fields=fields)
