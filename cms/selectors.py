"""Reads the pages' blocks make of the shop, Kreativ Edu and the events."""

from __future__ import annotations

from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation
from wagtail.models import Page, Site

from market.learning.selectors import course_card, with_course_state
from market.residents.selectors import public_products


def upcoming_courses(*, count: int, free_only: bool = False) -> list:
    """Course products on sale whose first session is still ahead, the
    soonest first, each with its Kreativ Edu card state (`product.course.card`:
    seats left, free, open, full or closed), read in the products' own query
    (market.learning.selectors.with_course_state)."""
    now = timezone.now()
    products = (
        public_products()
        .filter(product_class__slug="course", course__first_session_at__gt=now)
        .select_related("course", "product_class")
        .order_by("course__first_session_at", "pk")
    )
    if free_only:
        products = products.filter(min_price=0)
    products = list(with_course_state(products, now=now)[:count])
    for product in products:
        product.course.card = course_card(product.course, product, now=now)
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


# --- The Centre's pages in the header and footer -------------------------

# Standard pages the header and footer link, known by their Azerbaijani slug
# (the source language of every page; translations keep the source's
# translation key, not its slug).
CENTRE_PAGE_SLUGS = {
    "haqqimizda": "about",
    "istifade-qaydalari": "terms",
    "mexfilik": "privacy",
    "catdirilma-ve-qaytarma": "delivery",
}
CENTRE_PAGE_TYPES = {
    "programmepage": "programmes",
    "studioindexpage": "studios",
    "eventindexpage": "events",
    "storyindexpage": "stories",
    "courseindexpage": "courses",
    "contactpage": "contact",
    "impactpage": "impact",
}
CENTRE_LINKS_TIMEOUT = 6 * 60 * 60


class CentreLink(NamedTuple):
    """A page of one of the two sites: its title in the visitor's language,
    its site and its address on that site (`root_url` + `path` from another
    site)."""

    title: str
    site_id: int
    root_url: str
    path: str


def _centre_links_key(language: str) -> str:
    return f"cms:centre-links:{language}"


def centre_links(*, language: str) -> dict[int, dict[str, object]]:
    """For each site (by id), its pages the header and footer link: the
    programmes (a list), studios, events, stories, courses, about, terms,
    privacy, delivery and returns, contact; each page in `language`, or in
    the default language where it has no translation. Cached: a cache hit
    costs no query; publishing, unpublishing, moving or deleting a page, or
    changing a site, forgets it (cms.receivers)."""
    key = _centre_links_key(language)
    links = cache.get(key)
    if links is None:
        with translation.override(language):
            links = _centre_links(language)
        cache.set(key, links, CENTRE_LINKS_TIMEOUT)
    return links


def centre_links_forget() -> None:
    """Drop the cached links of every language."""
    cache.delete_many([_centre_links_key(code) for code, _ in settings.LANGUAGES])


def _centre_links(language: str) -> dict[int, dict[str, object]]:
    default = settings.LANGUAGE_CODE
    sites = list(Site.objects.values("id", "root_page__translation_key"))
    site_by_home_key = {
        site["root_page__translation_key"]: site["id"] for site in sites
    }
    site_by_home_path = {
        home["path"]: site_by_home_key[home["translation_key"]]
        for home in Page.objects.filter(
            depth=2, translation_key__in=site_by_home_key
        ).values("path", "translation_key")
    }
    pages = list(
        Page.objects.live()
        .public()
        .filter(depth=3, locale__language_code__in={language, default})
        .select_related("content_type", "locale")
        .order_by("path")
    )
    source_slugs = {
        page.translation_key: page.slug
        for page in pages
        if page.locale.language_code == default
    }
    # The visitor's language first, then the default for pages never translated.
    chosen: dict[object, Page] = {}
    for page in sorted(pages, key=lambda page: page.locale.language_code != language):
        chosen.setdefault(page.translation_key, page)
    links: dict[int, dict[str, object]] = {site["id"]: {} for site in sites}
    for page in sorted(chosen.values(), key=lambda page: page.path):
        site_id = site_by_home_path.get(page.path[: page.steplen * 2])
        name = CENTRE_PAGE_TYPES.get(page.content_type.model) or CENTRE_PAGE_SLUGS.get(
            source_slugs.get(page.translation_key, "")
        )
        if site_id is None or name is None:
            continue
        parts = page.get_url_parts()
        if parts is None:
            continue
        _, root_url, path = parts
        link = CentreLink(page.title, site_id, root_url, path)
        if name == "programmes":
            links[site_id].setdefault(name, []).append(link)
        else:
            links[site_id].setdefault(name, link)
    return links
