"""Reads of Kreativ Edu: the course catalogue, course states for a page of
cards, and the Centre's reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextChoices,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.models import StockRecord

from catalogue.kinds import COURSE
from catalogue.models import Category, Product
from catalogue.stock import units_free, with_units_held
from market.residents.selectors import public_products

from .models import (
    REGIONS,
    Course,
    CourseSession,
    Seat,
    SeatStatus,
    WaitlistEntry,
    WaitlistStatus,
)

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


# --- The course catalogue of Kreativ Edu, and course states for cards ---


class CourseAvailability(TextChoices):
    """Where enrolment of a course stands, for a card or a panel."""

    # Learners may enrol (or add the course to the cart) now.
    OPEN = "open", _("Enrolment open")
    # Enrolment is open but every seat is taken: join the waitlist.
    FULL = "full", _("Full")
    # Enrolment has not opened yet.
    SOON = "soon", _("Enrolment opens soon")
    # Enrolment has closed (its date passed, or the course began).
    CLOSED = "closed", _("Enrolment closed")


@dataclass
class CourseCard:
    """What a course card or panel shows of a course, read for a whole page
    of courses at once (`course_cards`)."""

    course: Course
    availability: str
    capacity: int
    seats_left: int
    price: Decimal | None
    teacher: str
    next_session_at: datetime | None

    @property
    def free(self) -> bool:
        return self.price is not None and self.price == 0

    @property
    def open(self) -> bool:
        return self.availability == CourseAvailability.OPEN

    @property
    def full(self) -> bool:
        return self.availability == CourseAvailability.FULL

    @property
    def closed(self) -> bool:
        return self.availability == CourseAvailability.CLOSED

    @property
    def soon(self) -> bool:
        return self.availability == CourseAvailability.SOON

    @property
    def not_yet_open(self) -> bool:
        """The shop's word for `soon` (product cards and pages)."""
        return self.soon

    def get_availability_display(self) -> str:
        return str(CourseAvailability(self.availability).label)


def _availability(course: Course, seats_left: int, now: datetime) -> str:
    if course.enrolment_opens_at and now < course.enrolment_opens_at:
        return CourseAvailability.SOON
    if course.enrolment_has_closed(now):
        return CourseAvailability.CLOSED
    if seats_left <= 0:
        return CourseAvailability.FULL
    return CourseAvailability.OPEN


def course_cards(courses, *, now: datetime | None = None) -> dict[int, CourseCard]:
    """Each course's card state (seats left to anyone, open, full, closed
    or not yet open, price, teacher, next session), keyed by product id, in
    three queries whatever the number of courses: their first stock records
    with the live checkout holds, the waitlist counts, the next sessions.
    The seats left are `seats.seats_left(course)` counted in bulk: free units
    less open offers and, of the rest, as many as learners still wait."""
    now = now or timezone.now()
    courses = list(courses)
    ids = [course.product_id for course in courses]
    if not ids:
        return {}
    records: dict[int, StockRecord] = {}
    for record in with_units_held(
        StockRecord.objects.filter(product_id__in=ids).select_related(
            "partner__resident"
        ),
        now=now,
    ).order_by("product_id", "pk"):
        records.setdefault(record.product_id, record)
    waitlists = {
        row["course_id"]: row
        for row in WaitlistEntry.objects.filter(course_id__in=ids)
        .values("course_id")
        .annotate(
            offers=Count(
                "pk",
                filter=Q(status=WaitlistStatus.OFFERED, offer_expires_at__gt=now),
            ),
            waiting=Count("pk", filter=Q(status=WaitlistStatus.WAITING)),
        )
        .order_by()
    }
    next_sessions = dict(
        CourseSession.objects.filter(course_id__in=ids, starts_at__gte=now)
        .values("course_id")
        .annotate(next=Min("starts_at"))
        .values_list("course_id", "next")
        .order_by()
    )
    cards = {}
    for course in courses:
        record = records.get(course.product_id)
        counts = waitlists.get(course.product_id, {"offers": 0, "waiting": 0})
        free_units = units_free(record, now=now) if record is not None else 0
        unclaimed = max(free_units - counts["offers"], 0)
        kept = counts["offers"] + min(counts["waiting"], unclaimed)
        left = max(free_units - kept, 0)
        resident = getattr(record.partner, "resident", None) if record else None
        cards[course.product_id] = CourseCard(
            course=course,
            availability=_availability(course, left, now),
            capacity=(record.num_in_stock or 0) if record else 0,
            seats_left=left,
            price=record.price if record else None,
            teacher=resident.display_name if resident else "",
            next_session_at=next_sessions.get(course.product_id),
        )
    return cards


def course_cards_for_products(products, *, now: datetime | None = None) -> dict:
    """The card state of each course among `products` (any kinds, e.g. a page
    of the shop's catalogue), keyed by product id; other kinds are absent.
    Four queries, whatever the number of products."""
    ids = [product.pk for product in products]
    courses = Course.objects.filter(
        product_id__in=ids, product__product_class__slug=COURSE
    ).select_related("product")
    return course_cards(courses, now=now)


PRICE_FREE = "free"
PRICE_PAID = "paid"


@dataclass
class CatalogueFilters:
    """The filters of the course catalogue; empty values filter nothing."""

    topic: str = ""
    language: str = ""
    level: str = ""
    region: str = ""
    price: str = ""
    starts_after: date | None = None
    starts_before: date | None = None
    open_only: bool = False


ONLINE = "online"


def _listed_courses() -> QuerySet[Course]:
    """Courses whose product is listed (the one rule, `public_products`)."""
    listed = public_products().filter(product_class__slug=COURSE).values("pk")
    return Course.objects.filter(product_id__in=listed)


def catalogue_topics() -> list[tuple[str, str]]:
    """The categories that hold listed courses (slug, name in the active
    language), for the topic filter."""
    categories = (
        Category.objects.filter(product__in=_listed_courses().values("product_id"))
        .distinct()
        .order_by("path")
    )
    return [(category.slug, str(category)) for category in categories]


def catalogue_regions() -> list[tuple[str, str]]:
    """The places listed courses happen: "online", then each city."""
    rows = _listed_courses().values_list("online", "city").distinct()
    cities = sorted({city.strip() for online, city in rows if not online and city})
    choices = [(city, city) for city in cities]
    if any(online for online, _city in rows):
        choices.insert(0, (ONLINE, str(_("Online"))))
    return choices


def course_catalogue(
    filters: CatalogueFilters, *, now: datetime | None = None
) -> QuerySet[Course]:
    """Every listed course matching `filters`: those still open for
    enrolment (or not yet open) first, the next to start first, then the
    closed and finished ones, the latest first. Annotated with `price` (of
    its first stock record) and `closed`."""
    now = now or timezone.now()
    first_record = StockRecord.objects.filter(product=OuterRef("product")).order_by(
        "pk"
    )
    closed = Q(enrolment_closes_at__lte=now) | Q(
        enrolment_closes_at__isnull=True, first_session_at__lte=now
    )
    courses = (
        _listed_courses()
        .select_related("product", "product__product_class")
        .annotate(
            price=Subquery(first_record.values("price")[:1]),
            closed=Case(When(closed, then=1), default=0, output_field=IntegerField()),
        )
    )
    if filters.topic:
        category = Category.objects.filter(slug=filters.topic).first()
        if category is None:
            return courses.none()
        within = Category.objects.filter(path__startswith=category.path)
        courses = courses.filter(
            Exists(
                Product.categories.through.objects.filter(
                    product_id=OuterRef("product_id"), category__in=within
                )
            )
        )
    if filters.language:
        courses = courses.filter(language=filters.language)
    if filters.level:
        courses = courses.filter(level=filters.level)
    if filters.region == ONLINE:
        courses = courses.filter(online=True)
    elif filters.region:
        courses = courses.filter(online=False, city__iexact=filters.region)
    if filters.price == PRICE_FREE:
        courses = courses.filter(price=0)
    elif filters.price == PRICE_PAID:
        courses = courses.filter(price__gt=0)
    if filters.starts_after or filters.starts_before:
        sessions = CourseSession.objects.filter(course_id=OuterRef("pk"))
        if filters.starts_after:
            sessions = sessions.filter(starts_at__date__gte=filters.starts_after)
        if filters.starts_before:
            sessions = sessions.filter(starts_at__date__lte=filters.starts_before)
        courses = courses.filter(Exists(sessions))
    if filters.open_only:
        courses = courses.filter(closed=0)
    return courses.order_by(
        "closed",
        # Open courses: the soonest first (no date yet: last of them); closed
        # ones: the latest first.
        Case(When(closed=0, then=F("first_session_at"))).asc(nulls_last=True),
        F("first_session_at").desc(nulls_last=True),
        "product__title",
        "pk",
    )


def listed_course(product_id: int) -> Course | None:
    """The course of a listed course product (the one rule), or None."""
    return (
        _listed_courses()
        .filter(product_id=product_id)
        .select_related("product", "product__product_class")
        .first()
    )
