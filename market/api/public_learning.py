"""Public, read-only endpoints of Kreativ Edu and the Centre: programmes,
courses (with their sessions and seats left) and events. No token; each
answer is cacheable (market/api/caching.py).

Nothing here decides what is public: courses come from the course catalogue's
own selectors (`market.learning.selectors`: listed courses, their seats and
availability), pages from Wagtail's `live().public()` in the caller's
language (as the site lists them), an event's seats from the events service.
"""

import base64
import binascii
from datetime import UTC, datetime
from decimal import Decimal
from typing import Literal

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from oscar.apps.partner.models import StockRecord
from wagtail.coreutils import get_supported_content_language_variant

from catalogue.kinds import COURSE
from catalogue.models import Product
from cms.models import EventPage, ProgrammePage
from cms.models.courses import course_page_urls
from cms.models.events import SERIES_CHOICES
from cms.services.events import event_state
from market.learning.models import CourseLanguage, CourseLevel
from market.learning.selectors import (
    PRICE_FREE,
    PRICE_PAID,
    CatalogueFilters,
    course_cards,
    course_catalogue,
    listed_course,
    with_course_state,
)
from market.residents.models import Programme

from . import paging
from .caching import NOT_MODIFIED, cached_response
from .paging import PageOut, keyset_page
from .problems import ApiRefusal, Problem

router = Router(tags=["public"])
ERRORS = {404: Problem, 422: Problem, 429: Problem}

# The largest primary key the database can hold: a larger number is no id.
LARGEST_ID = 2**63 - 1
CENTS = Decimal("0.01")

ProgrammeCode = Literal[tuple(code for code in Programme.values if code != "none")]
SeriesCode = Literal[tuple(code for code, _name in SERIES_CHOICES)]


def _money(value) -> str | None:
    # Read through a subquery, SQLite gives 25 for 25.00: the cents always.
    return None if value is None else str(Decimal(value).quantize(CENTS))


def _language() -> str:
    """The content language of the request (the API's language, as
    ApiLanguageMiddleware activated it)."""
    return get_supported_content_language_variant(get_language())


def _absolute(request, url: str) -> str:
    if not url:
        return ""
    return url if "://" in url else request.build_absolute_uri(url)


def _page_url(request, page) -> str:
    return page.get_full_url(request) or ""


# --- Programmes ---------------------------------------------------------


class ProgrammeOut(Schema):
    id: int
    programme: str
    programme_name: str
    title: str
    intro: str
    language: str
    url: str


class ProgrammePageOut(PageOut):
    items: list[ProgrammeOut]


@router.get(
    "/programmes",
    response={200: ProgrammePageOut, **NOT_MODIFIED, **ERRORS},
    summary="The Centre's incubation programmes",
)
def programmes(request, cursor: str | None = None):
    """The programme pages (Music, Gametech, Cultech) published on the sites,
    in the caller's language, newest first."""
    language = _language()
    pages = (
        ProgrammePage.objects.live()
        .public()
        .filter(locale__language_code=language)
        .select_related("locale")
    )
    rows, following = keyset_page(pages, cursor)
    items = [
        {
            "id": page.pk,
            "programme": page.programme,
            "programme_name": str(Programme(page.programme).label),
            "title": page.title,
            "intro": page.intro,
            "language": language,
            "url": _page_url(request, page),
        }
        for page in rows
    ]
    return cached_response(
        request, {"items": items, "next": following}, schema=ProgrammePageOut
    )


# --- Courses ------------------------------------------------------------


class CourseOut(Schema):
    id: int
    slug: str
    title: str
    language: str
    level: str
    online: bool
    place: str
    availability: str
    capacity: int
    seats_left: int
    price: str | None
    currency: str
    free: bool
    teacher: str
    first_session_at: datetime | None
    next_session_at: datetime | None
    enrolment_opens_at: datetime | None
    enrolment_ends_at: datetime | None
    url: str


class CoursePage(PageOut):
    items: list[CourseOut]


class SessionOut(Schema):
    starts_at: datetime
    ends_at: datetime
    topic: str
    place: str


class CourseDetail(CourseOut):
    description: str
    enrol_url: str
    sessions: list[SessionOut]


class CourseFilters(Schema):
    programme: ProgrammeCode | None = None
    topic: str = ""
    language: CourseLanguage | None = None
    level: CourseLevel | None = None
    price: Literal[PRICE_FREE, PRICE_PAID] | None = None
    open: bool = False


def _course_data(request, course, card, url: str) -> dict:
    product = course.product
    return {
        "id": product.pk,
        "slug": product.slug,
        "title": product.get_title(),
        "language": course.language,
        "level": course.level,
        "online": course.online,
        "place": course.place,
        "availability": card.availability,
        "capacity": card.capacity,
        "seats_left": card.seats_left,
        "price": _money(card.price),
        "currency": settings.OSCAR_DEFAULT_CURRENCY,
        "free": card.free,
        "teacher": card.teacher,
        "first_session_at": course.first_session_at,
        "next_session_at": card.next_session_at,
        "enrolment_opens_at": course.enrolment_opens_at,
        "enrolment_ends_at": course.enrolment_ends_at,
        "url": _absolute(request, url),
    }


@router.get(
    "/courses",
    response={200: CoursePage, **NOT_MODIFIED, **ERRORS},
    summary="Kreativ Edu's courses, with seats left",
)
def courses(request, filters: Query[CourseFilters], cursor: str | None = None):
    """Every course on sale (as the course catalogue lists it), newest first,
    with its seats left, price and next session; filtered by the teaching
    resident's programme, topic (a category slug), language, level, free or
    paid, and open for enrolment only."""
    now = timezone.now()
    listed = course_catalogue(
        CatalogueFilters(
            topic=filters.topic,
            language=filters.language or "",
            level=filters.level or "",
            price=filters.price or "",
            open_only=filters.open,
        ),
        now=now,
    )
    if filters.programme:
        listed = listed.filter(
            Exists(
                StockRecord.objects.filter(
                    product_id=OuterRef("product_id"),
                    partner__resident__programme=filters.programme,
                )
            )
        )
    rows, following = keyset_page(with_course_state(listed, now=now), cursor)
    cards = course_cards(rows, now=now)
    urls = course_page_urls([course.product_id for course in rows], request)
    items = [
        _course_data(
            request, course, cards[course.product_id], urls.get(course.product_id, "")
        )
        for course in rows
    ]
    return cached_response(
        request, {"items": items, "next": following}, schema=CoursePage
    )


def _course_id(identifier: str) -> int | None:
    """A course product's id from its id or its slug (the first listed
    product of that slug)."""
    if identifier.isascii() and identifier.isdigit():
        number = int(identifier)
        return number if 1 <= number <= LARGEST_ID else None
    ids = Product.objects.filter(
        slug=identifier, product_class__slug=COURSE
    ).values_list("pk", flat=True)
    for product_id in ids.order_by("pk")[:10]:
        if listed_course(product_id) is not None:
            return product_id
    return None


@router.get(
    "/courses/{course}",
    response={200: CourseDetail, **NOT_MODIFIED, **ERRORS},
    summary="One course, with its sessions",
)
def course_detail(request, course: str):
    """A course on sale, by product id or slug: its sessions, seats left,
    price and where to enrol. A course not on sale is a 404."""
    product_id = _course_id(course)
    found = listed_course(product_id) if product_id is not None else None
    if found is None:
        raise Http404
    now = timezone.now()
    cards = course_cards([found], now=now)
    url = course_page_urls([found.product_id], request).get(found.product_id, "")
    data = _course_data(request, found, cards[found.product_id], url)
    data["description"] = found.product.get_description()
    data["enrol_url"] = data["url"]
    data["sessions"] = [
        {
            "starts_at": session.starts_at,
            "ends_at": session.ends_at,
            "topic": session.topic,
            "place": session.place or found.place,
        }
        for session in found.sessions.all()
    ]
    return cached_response(request, data, schema=CourseDetail)


# --- Events -------------------------------------------------------------


class EventOut(Schema):
    id: int
    title: str
    intro: str
    series: str
    starts_at: datetime
    ends_at: datetime
    online: bool
    place: str
    language: str
    url: str


class EventPageOut(PageOut):
    items: list[EventOut]


class RegistrationOut(Schema):
    needed: bool
    capacity: int
    seats_left: int
    open: bool
    ended: bool


class EventDetail(EventOut):
    registration: RegistrationOut


def _event_data(request, event) -> dict:
    return {
        "id": event.pk,
        "title": event.title,
        "intro": event.intro,
        "series": event.series,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "online": event.online,
        "place": event.place,
        "language": event.locale.language_code,
        "url": _page_url(request, event),
    }


def _events():
    return EventPage.objects.live().public().select_related("locale")


def _when_cursor(event) -> str:
    position = f"{event.starts_at.isoformat()}|{event.pk}"
    return base64.urlsafe_b64encode(position.encode()).decode().rstrip("=")


def _when_of(cursor: str) -> tuple[datetime, int]:
    """The (start, id) a cursor of `_when_cursor` holds; another is a 422."""
    try:
        text = base64.urlsafe_b64decode(cursor.encode("ascii") + b"==").decode()
        when, number = text.split("|")
        starts_at, event_id = datetime.fromisoformat(when), int(number)
        # A time at the calendar's edge that UTC cannot hold is no start.
        starts_at = starts_at.astimezone(UTC) if starts_at.tzinfo else None
    except (ValueError, OverflowError, UnicodeError, binascii.Error):
        starts_at, event_id = None, 0
    if starts_at is None or not 1 <= event_id <= LARGEST_ID:
        raise ApiRefusal(
            _("The cursor is not one this API gave: follow `next` as it is."),
            status=422,
            type="invalid-input",
        )
    return starts_at, event_id


def _events_page(events, cursor: str | None, *, latest_first: bool):
    """One page of `events` by start (the soonest first, or the latest
    first), and the next cursor: a keyset on (start, id), so a page costs
    the same however deep it is."""
    if cursor:
        starts_at, event_id = _when_of(cursor)
        if latest_first:
            after = Q(starts_at__lt=starts_at) | Q(starts_at=starts_at, pk__lt=event_id)
        else:
            after = Q(starts_at__gt=starts_at) | Q(starts_at=starts_at, pk__gt=event_id)
        events = events.filter(after)
    order = ("-starts_at", "-pk") if latest_first else ("starts_at", "pk")
    rows = list(events.order_by(*order)[: paging.PAGE_SIZE + 1])
    following = None
    if len(rows) > paging.PAGE_SIZE:
        rows = rows[: paging.PAGE_SIZE]
        following = _when_cursor(rows[-1])
    return rows, following


@router.get(
    "/events",
    response={200: EventPageOut, **NOT_MODIFIED, **ERRORS},
    summary="Talks and workshops",
)
def events(
    request,
    past: bool = False,
    series: SeriesCode | None = None,
    cursor: str | None = None,
):
    """Published events in the caller's language: those still to come (not
    yet ended), the soonest first; or with `past=true` those that have
    ended, the latest first."""
    now = timezone.now()
    listed = _events().filter(locale__language_code=_language())
    listed = listed.filter(ends_at__lt=now) if past else listed.filter(ends_at__gte=now)
    if series:
        listed = listed.filter(series=series)
    rows, following = _events_page(listed, cursor, latest_first=past)
    items = [_event_data(request, event) for event in rows]
    return cached_response(
        request, {"items": items, "next": following}, schema=EventPageOut
    )


@router.get(
    "/events/{event_id}",
    response={200: EventDetail, **NOT_MODIFIED, **ERRORS},
    summary="One event, with its seats",
)
def event_detail(request, event_id: int):
    """A published event, in the caller's language where it is translated
    (else as it is), with its registration: seats, seats left, open or not."""
    if not 1 <= event_id <= LARGEST_ID:
        raise Http404
    event = _events().filter(pk=event_id).first()
    if event is None:
        raise Http404
    language = _language()
    if event.locale.language_code != language:
        event = (
            _events()
            .filter(
                translation_key=event.translation_key, locale__language_code=language
            )
            .first()
            or event
        )
    registration = event_state(event, None)
    data = _event_data(request, event)
    data["registration"] = {
        "needed": registration.needs_registration,
        "capacity": registration.capacity,
        "seats_left": registration.seats_left,
        "open": registration.open,
        "ended": registration.ended,
    }
    return cached_response(request, data, schema=EventDetail)
