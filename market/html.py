"""Seller-written HTML: sanitised once, on write, with an allowlist (nh3).

Text stored through `sanitise_html` is the only seller text a template may
render unescaped (through a model property that says so).
"""

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a", "h3", "h4"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def sanitise_html(html: str) -> str:
    """Keep simple formatting and links; drop scripts, styles, event handlers,
    `javascript:` URLs, SVG and every other tag or attribute."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
    )
