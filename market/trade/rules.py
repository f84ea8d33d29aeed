"""The rules of wholesale quotes that several doors ask (services, the
strategy pricing a quote's basket line, the checkout, the pages): who may
act on a request, what may be asked for, and whether a quote may be paid
now. Each answers with a reason (in the active language) or None."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

from django.core.exceptions import ObjectDoesNotExist
from django.utils import formats
from django.utils.translation import gettext as _

from catalogue.kinds import COURSE
from catalogue.stock import units_free
from market.bookings.listing import is_studio_sku
from market.export.countries import COUNTRY_CODES
from market.residents.selectors import listing_refusal, resident_may_act

from .models import MAX_QUANTITY, QuoteRequest, QuoteRequestStatus, QuoteStatus

MESSAGE_MAX_LENGTH = 4000
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")
_ALLOWED_CONTROLS = {"\n", "\t"}
# Embeddings, overrides and isolates of the bidirectional algorithm: "Nord
# \u202eHbmG" shows as "NordGmbH", a file "\u202efdp.exe" as "exe.pdf".
# Right-to-left text itself, and the marks LRM, RLM and ALM, are welcome.
DIRECTION_CONTROLS = frozenset(
    [chr(code) for code in range(0x202A, 0x202F)]
    + [chr(code) for code in range(0x2066, 0x206A)]
)


def has_direction_controls(value: str) -> bool:
    return any(char in DIRECTION_CONTROLS for char in value or "")


class QuoteRefused(Exception):
    """A request, quote, answer or message the rules refuse; `message` says
    why, in the active language, to the person who asked. Nothing was
    written."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def clean_text(value: str, *, required: bool, limit: int = MESSAGE_MAX_LENGTH) -> str:
    """Plain text as written (line breaks kept), or QuoteRefused: no HTML,
    no control characters (nor the direction controls that make text show
    other than it is), within `limit` characters."""
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if required and not text:
        raise QuoteRefused(_("Write a message."))
    if len(text) > limit:
        raise QuoteRefused(_("Keep it under %(limit)s characters.") % {"limit": limit})
    if _TAG.search(text):
        raise QuoteRefused(_("Write it as plain text, without HTML."))
    if has_direction_controls(text) or any(
        unicodedata.category(char) in ("Cc", "Cs", "Co")
        and char not in _ALLOWED_CONTROLS
        for char in text
    ):
        raise QuoteRefused(_("The text contains characters that cannot be sent."))
    return text


def is_buyer(request: QuoteRequest, user) -> bool:
    return user is not None and request.buyer_id == getattr(user, "pk", None)


def acts_for_resident(request: QuoteRequest, resident) -> bool:
    """`resident` (the acting resident of the person, from
    market.residents.selectors.acting_resident) is the request's resident,
    and may act now."""
    return resident_may_act(resident) and resident.pk == request.resident_id


def request_line_refusal(*, stockrecord, quantity: int, makes_to_order: bool, now):
    """Why a business may not ask for `quantity` units through `stockrecord`
    (None: they may). The one rule "may this be sold now" first; courses
    and studio time are not sold by quote; more than is free in stock only
    from a resident who makes to order. Returns (reason, made_to_order)."""
    product = stockrecord.product
    if product.is_parent:
        return _("Choose one of the product's options."), False
    if is_studio_sku(stockrecord.partner_sku):
        return _("Studio time is booked from the studio's calendar."), False
    reason = listing_refusal(product, stockrecord, now=now)
    if reason is not None:
        return reason, False
    if product.get_product_class().slug == COURSE:
        return _("Courses are not sold by quote."), False
    if not 1 <= quantity <= MAX_QUANTITY:
        return _("Ask for between 1 and %(max)s units of “%(title)s”.") % {
            "max": MAX_QUANTITY,
            "title": product.get_title(),
        }, False
    if not product.get_product_class().track_stock:
        return None, False
    free = units_free(stockrecord, now=now)
    if quantity <= free:
        return None, False
    if makes_to_order:
        return None, True
    return _(
        "Only %(free)s of “%(title)s” are in stock, and this shop does not make "
        "to order."
    ) % {"free": free, "title": product.get_title()}, False


def quote_payment_refusal(quote, *, user, now: datetime) -> str | None:
    """Why `user` may not pay `quote` now (None: they may): only its buyer,
    only once it is accepted and not yet paid, only until its validity date,
    only while its shop is open."""
    if quote is None:
        return _("This quote no longer exists.")
    request = quote.request
    if not is_buyer(request, user):
        return _("This quote is someone else's.")
    if quote.status == QuoteStatus.PAID:
        return _("This quote has already been paid.")
    if quote.status != QuoteStatus.ACCEPTED:
        return _("This quote can no longer be paid.")
    if quote.has_run_out(now):
        return _("This quote was valid until %(date)s; ask the seller again.") % {
            "date": formats.date_format(quote.valid_until, "SHORT_DATE_FORMAT")
        }
    try:
        resident = request.resident
    except ObjectDoesNotExist:
        resident = None
    if not resident_may_act(resident):
        return _("This shop is closed at the moment.")
    return None


def live_request_refusal(request: QuoteRequest) -> str | None:
    """A finished request takes no more answers."""
    if request.status in (
        QuoteRequestStatus.OPEN,
        QuoteRequestStatus.QUOTED,
        QuoteRequestStatus.ACCEPTED,
    ):
        return None
    return _("This request is %(status)s: nothing more can be done on it.") % {
        "status": request.get_status_display().lower()
    }


def destination_refusal(country: str) -> str | None:
    if country not in COUNTRY_CODES:
        return _("Choose a destination country from the list.")
    return None
