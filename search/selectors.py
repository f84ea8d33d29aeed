"""Reads for the search results page besides products: residents and pages
of the current site that match the buyer's words."""

import logging

from django.utils.html import strip_tags
from wagtail.models import Page, Site

from market.residents.models import Resident
from market.residents.selectors import public_residents

from .normalise import tokens

logger = logging.getLogger(__name__)

RESIDENTS_SHOWN = 6
PAGES_SHOWN = 5


def residents_matching(text: str, *, limit: int = RESIDENTS_SHOWN) -> list[Resident]:
    """Open shops whose name, start-up name or bio holds every word of `text`
    (folded like the search index: a word matches any word it begins).
    Residents are a few dozen, so this reads them all."""
    wanted = tokens(text)
    if not wanted:
        return []
    found = []
    for resident in public_residents().order_by("display_name", "pk"):
        words = set(
            tokens(
                " ".join(
                    [
                        resident.display_name,
                        resident.startup_name,
                        strip_tags(resident.bio),
                    ]
                )
            )
        )
        if all(any(word.startswith(part) for word in words) for part in wanted):
            found.append(resident)
            if len(found) == limit:
                break
    return found


def pages_matching(text: str, request, *, limit: int = PAGES_SHOWN) -> list[Page]:
    """Live, public pages of the current site, in the active language where a
    translation exists, found by Wagtail's own search."""
    site = Site.find_for_request(request)
    if site is None or not text.strip():
        return []
    root = site.root_page.localized
    pages = Page.objects.live().public().descendant_of(root, inclusive=True)
    try:
        return list(pages.search(text)[:limit])
    except Exception:
        # Pages are an extra on the results page: when Wagtail's search
        # fails, the products still show.
        logger.exception("Wagtail's page search failed for %r", text)
        return []
