"""Reads of Kreativ Edu: the course catalogue, course states for a page of
cards, and the Centre's reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import partial

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextChoices,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.models import StockRecord

from catalogue.kinds import COURSE
from catalogue.models import Category, Product
from catalogue.stock import units_free, units_held_subquery
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
from .services.seats import seats_kept_of

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


def _count_of(entries: QuerySet) -> Coalesce:
    """How many of `entries` (waitlist entries of the course at OuterRef),
    as an expression."""
    counted = (
        entries.order_by()
        .values("course_id")
        .annotate(number=Count("pk"))
        .values("number")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


# What `with_course_state` adds to each row.
STATE_FIELDS = (
    "state_record_id",
    "state_capacity",
    "state_allocated",
    "state_held",
    "state_price",
    "state_teacher",
    "state_offers",
    "state_waiting",
    "state_own_offers",
    "state_own_waiting",
    "state_next_session_at",
)


def with_course_state(queryset: QuerySet, *, now: datetime, learner=None) -> QuerySet:
    """`queryset` (of courses, or of course products: both have the product
    id as primary key) annotated with what a course's state is made of, read
    in the rows' own query: the first stock record (id, capacity, seats
    allocated, live checkout holds, price, the resident teaching), the open
    waitlist offers and the learners waiting (and, for `learner`, their
    own), and the next session's start. `course_card` turns a row into the
    card; the rule is `seats.seats_kept_of`, as for one course."""
    records = StockRecord.objects.filter(product_id=OuterRef("pk")).order_by("pk")
    entries = WaitlistEntry.objects.filter(course_id=OuterRef("pk"))
    offers = entries.filter(status=WaitlistStatus.OFFERED, offer_expires_at__gt=now)
    waiting = entries.filter(status=WaitlistStatus.WAITING)
    learner_id = learner.pk if learner is not None else None
    nothing = Value(0, output_field=IntegerField())
    return queryset.annotate(
        state_record_id=Subquery(records.values("pk")[:1]),
        state_capacity=Subquery(records.values("num_in_stock")[:1]),
        state_allocated=Subquery(records.values("num_allocated")[:1]),
        state_price=Subquery(records.values("price")[:1]),
        state_teacher=Subquery(records.values("partner__resident__display_name")[:1]),
        state_offers=_count_of(offers),
        state_waiting=_count_of(waiting),
        state_own_offers=(
            _count_of(offers.filter(learner_id=learner_id)) if learner_id else nothing
        ),
        state_own_waiting=(
            _count_of(waiting.filter(learner_id=learner_id)) if learner_id else nothing
        ),
        state_next_session_at=Subquery(
            CourseSession.objects.filter(course_id=OuterRef("pk"), starts_at__gte=now)
            .order_by("starts_at")
            .values("starts_at")[:1]
        ),
    ).annotate(state_held=units_held_subquery("state_record_id", now=now))


def course_seats_left(state, *, now: datetime) -> int:
    """Seats left to the learner the state was read for (anyone, without
    one), from a row of `with_course_state` (an object or a dict): exactly
    `seats.seats_left(course, learner=...)`, without its queries."""
    value = state.get if isinstance(state, dict) else partial(getattr, state)
    if value("state_record_id") is None:
        return 0
    record = StockRecord(
        pk=value("state_record_id"),
        num_in_stock=value("state_capacity"),
        num_allocated=value("state_allocated"),
    )
    record.units_held = value("state_held")
    offers = value("state_offers")
    kept = seats_kept_of(
        free=units_free(record, now=now),
        offers=offers,
        offers_to_others=offers - value("state_own_offers"),
        others_waiting=value("state_waiting") - value("state_own_waiting"),
    )
    return units_free(record, now=now, kept=kept)


def course_card(course: Course, state, *, now: datetime) -> CourseCard:
    """The card of `course` from its row of `with_course_state` (`state`: the
    row itself, or a dict of its values)."""
    value = state.get if isinstance(state, dict) else partial(getattr, state)
    left = course_seats_left(state, now=now)
    return CourseCard(
        course=course,
        availability=_availability(course, left, now),
        capacity=value("state_capacity") or 0,
        seats_left=left,
        price=value("state_price"),
        teacher=value("state_teacher") or "",
        next_session_at=value("state_next_session_at"),
    )


def course_cards(courses, *, now: datetime | None = None) -> dict[int, CourseCard]:
    """Each course's card state (seats left to anyone, open, full, closed
    or not yet open, price, teacher, next session), keyed by product id: no
    query when the courses come from `with_course_state`, else one."""
    now = now or timezone.now()
    courses = list(courses)
    if not courses:
        return {}
    if all(hasattr(course, "state_record_id") for course in courses):
        states = {course.pk: course for course in courses}
    else:
        states = {
            row["pk"]: row
            for row in with_course_state(
                Course.objects.filter(pk__in=[course.pk for course in courses]),
                now=now,
            ).values("pk", *STATE_FIELDS)
        }
    return {
        course.product_id: course_card(course, states[course.pk], now=now)
        for course in courses
    }


def _may_be_course(product) -> bool:
    """Whether `product` is a course, or may be as far as the rows in hand
    tell (its class not loaded): never a query."""
    holder = product
    if product.parent_id:
        if not Product._meta.get_field("parent").is_cached(product):
            return True
        holder = product.parent
    if not Product._meta.get_field("product_class").is_cached(holder):
        return True
    return holder.product_class is not None and holder.product_class.slug == COURSE


def course_cards_for_products(products, *, now: datetime | None = None) -> dict:
    """The card state of each course among `products` (any kinds, e.g. a page
    of the shop's catalogue), keyed by product id; other kinds are absent.
    One query, whatever the number of products."""
    now = now or timezone.now()
    # Only courses have a card state: a page of other kinds (whose classes
    # were loaded with them) asks nothing.
    ids = [product.pk for product in products if _may_be_course(product)]
    if not ids:
        return {}
    courses = with_course_state(
        Course.objects.filter(
            product_id__in=ids, product__product_class__slug=COURSE
        ).select_related("product"),
        now=now,
    )
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
