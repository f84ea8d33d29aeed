"""Reads the pages' blocks make of the shop, Kreativ Edu and the events."""

from __future__ import annotations

from django.utils import timezone

from market.learning.selectors import course_cards
from market.residents.selectors import public_products


def upcoming_courses(*, count: int, free_only: bool = False) -> list:
    """Course products on sale whose first session is still ahead, the
    soonest first, each with its Kreativ Edu card state (`product.course.card`:
    seats left, free, open, full or closed), read for all of them in three
    queries (market.learning.selectors.course_cards)."""
    now = timezone.now()
    products = (
        public_products()
        .filter(product_class__slug="course", course__first_session_at__gt=now)
        .select_related("course", "product_class")
        .order_by("course__first_session_at", "pk")
    )
    if free_only:
        products = products.filter(min_price=0)
    products = list(products[:count])
    cards = course_cards([product.course for product in products], now=now)
    for product in products:
        product.course.card = cards[product.pk]
    return products


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
