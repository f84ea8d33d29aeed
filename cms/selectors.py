"""Reads the pages' blocks make of the shop, Kreativ Edu and the events."""

from __future__ import annotations

from django.db.models import Min, OuterRef, Subquery
from django.utils import timezone

from market.learning.course_state import course_state
from market.learning.models import CourseSession
from market.residents.selectors import public_products


def upcoming_courses(*, count: int, free_only: bool = False) -> list:
    """Course products on sale whose first session is still ahead, the
    soonest first, each with its Kreativ Edu state (`product.state`: seats
    left, free, enrolment open)."""
    now = timezone.now()
    first_session = (
        CourseSession.objects.filter(course_id=OuterRef("pk"))
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    products = (
        public_products()
        .filter(product_class__slug="course")
        .annotate(first_session=Subquery(first_session))
        .filter(first_session__gt=now)
        .select_related("course")
        .order_by("first_session", "pk")
    )
    if free_only:
        products = products.filter(min_price=0)
    courses = []
    for product in products[:count]:
        product.state = course_state(product.course)
        courses.append(product)
    return courses


def course_pages_in_order(pages) -> list:
    """Course landing pages, the course starting soonest first (courses
    without sessions last)."""
    pages = list(
        pages.select_related("product").annotate(
            first_session=Min("product__course__sessions__starts_at")
        )
    )
    far = timezone.now().replace(year=9999)
    pages.sort(key=lambda page: (page.first_session or far, page.pk))
    for page in pages:
        page.state = course_state(page.product.course)
    return pages


def upcoming_events(*, within=None, locale=None, series: str = "", count: int = 4):
    """Live events still to come, soonest first: below `within` (a site's
    home) and in `locale` when given."""
    from .models import EventPage

    events = EventPage.objects.live().public().filter(ends_at__gte=timezone.now())
    if within is not None:
        events = events.descendant_of(within)
    if locale is not None:
        events = events.filter(locale=locale)
    if series:
        events = events.filter(series=series)
    return list(events.order_by("starts_at", "pk")[:count])
