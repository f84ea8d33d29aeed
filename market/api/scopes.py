"""The scopes a personal access token may carry: what it may read or change.

A buyer's token (made under the buyer's account) and a resident's token (made
in the shop dashboard) choose from their own list; an endpoint names the one
scope it needs (market/api/auth.py)."""

from django.utils.translation import gettext_lazy as _

BUYER_SCOPES = {
    "orders:read": _("See your orders, their lines and parcels"),
    "downloads:read": _("Get download links for the files you bought"),
    "quotes:read": _("See your quote requests and quotes"),
    "quotes:write": _("Ask for quotes and answer them"),
}

RESIDENT_SCOPES = {
    "listings:read": _("See your shop's listings"),
    "listings:write": _("Create and change listings (they go to staff review)"),
    "stock:write": _("Change how many are in stock"),
    "orders:read": _("See the order lines you sell"),
    "parcels:write": _("Mark parcels packed and shipped"),
    "quotes:read": _("See the quote requests to your shop"),
    "quotes:write": _("Answer quote requests"),
}


def scopes_for(*, resident_token: bool) -> dict:
    """The scopes a token of this kind may carry, with their descriptions."""
    return RESIDENT_SCOPES if resident_token else BUYER_SCOPES


def scope_choices(*, resident_token: bool) -> list[tuple[str, str]]:
    return list(scopes_for(resident_token=resident_token).items())
