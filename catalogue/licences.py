"""What each licence tier of a digital product lets the buyer do: the names
and rights the product page's comparison shows. The tiers themselves are
the product's variants, each with the `licence` option of catalogue.kinds."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The tiers in their order, cheapest first, with the names buyers read.
TIER_NAMES = {
    "personal": pgettext_lazy("licence tier", "Personal"),
    "commercial": pgettext_lazy("licence tier", "Commercial"),
    "extended": pgettext_lazy("licence tier", "Extended"),
}
TIER_ORDER = list(TIER_NAMES)

# One sentence per tier, under its name.
TIER_SUMMARIES = {
    "personal": _("For your own projects that earn no money."),
    "commercial": _("For client work and products you sell or advertise."),
    "extended": _("For film, broadcast and items made for resale."),
}

# (right, the tiers that include it)
RIGHTS = [
    (_("Personal, non-commercial projects"), {"personal", "commercial", "extended"}),
    (_("Client work and advertising"), {"commercial", "extended"}),
    (_("Monetised videos, streams and podcasts"), {"commercial", "extended"}),
    (_("Film, TV and broadcast"), {"extended"}),
    (_("Items for resale (merchandise, games, templates)"), {"extended"}),
]


def tier_code(variant) -> str:
    """The licence code of a tier ("personal"...), read from the variant's
    attribute values as loaded (no query when they were prefetched); "" when
    it has none."""
    for value in variant.attribute_values.all():
        if value.attribute.code == "licence" and value.value_option_id:
            return value.value_option.code or ""
    return ""


def rights_table(codes: list[str]) -> list[tuple[str, list[bool]]]:
    """The comparison's rows: each right and, per tier in `codes`, whether
    the tier includes it."""
    return [(str(right), [code in tiers for code in codes]) for right, tiers in RIGHTS]
