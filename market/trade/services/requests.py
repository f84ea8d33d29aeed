"""A business buyer's side of a request (their business profile, asking,
withdrawing) and the resident's "no" (declining with a reason)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.apps.partner.models import StockRecord

from market.residents.models import Resident
from market.residents.selectors import acting_resident, resident_may_act
from market.webhooks.services import webhook_quote_requested_emit

from .. import emails
from ..models import (
    LIVE_REQUEST,
    MAX_LINES,
    BusinessProfile,
    QuoteRequest,
    QuoteRequestLine,
    QuoteRequestStatus,
    QuoteStatus,
    TradeTerms,
    normalise_tax_number,
)
from ..rules import (
    QuoteRefused,
    acts_for_resident,
    clean_text,
    destination_refusal,
    has_direction_controls,
    is_buyer,
    live_request_refusal,
    request_line_refusal,
)
from .locking import lock_request

# Live requests one buyer may have at once (all shops), and to one shop.
MAX_LIVE_REQUESTS = 20
MAX_LIVE_REQUESTS_PER_SHOP = 3
# How far ahead a wished delivery date may be.
MAX_WISH_DAYS = 730
# The same request sent again within this time is a double click or a
# replayed form, not a second request.
REPEAT_WINDOW = timedelta(minutes=10)


@dataclass(frozen=True)
class LineWish:
    """One line a buyer asks for: a stock record of the resident's (a
    standalone product or a variant) and a number of units."""

    stockrecord_id: int
    quantity: int


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated


@transaction.atomic
def business_profile_save(
    *, user, company_name: str, country: str, tax_number: str = ""
) -> BusinessProfile:
    """Make or change the buyer's business profile. Raises ValidationError
    (nothing saved) for a name, country or tax number that does not pass."""
    if not _signed_in(user):
        raise ValidationError(_("Sign in first."))
    profile = BusinessProfile.objects.select_for_update().filter(
        user=user
    ).first() or BusinessProfile(user=user)
    profile.company_name = " ".join((company_name or "").split())
    profile.country = (country or "").strip().upper()
    profile.tax_number = normalise_tax_number(tax_number)
    if has_direction_controls(profile.company_name):
        # Shown to every shop asked: it must read as it is.
        raise ValidationError(
            {
                "company_name": _(
                    "Write the name without characters that change the "
                    "direction of the text."
                )
            }
        )
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def trade_terms_save(*, resident: Resident, by, makes_to_order: bool) -> TradeTerms:
    """The resident says whether they make to order."""
    if acting_resident(by) != resident or not resident_may_act(resident):
        raise QuoteRefused(_("You cannot change this shop's terms."))
    terms, _created = TradeTerms.objects.select_for_update().get_or_create(
        resident=resident
    )
    terms.makes_to_order = makes_to_order
    terms.save()
    return terms


def _makes_to_order(resident: Resident) -> bool:
    return TradeTerms.objects.filter(resident=resident, makes_to_order=True).exists()


def _check_wish_date(wanted_by: date | None, now: datetime) -> None:
    if wanted_by is None:
        return
    today = timezone.localdate(now)
    if wanted_by < today:
        raise QuoteRefused(_("The wished delivery date is in the past."))
    if wanted_by > today + timedelta(days=MAX_WISH_DAYS):
        raise QuoteRefused(_("Choose a wished delivery date within two years."))


def _check_flood(buyer, resident: Resident) -> None:
    live = QuoteRequest.objects.filter(buyer=buyer, status__in=LIVE_REQUEST)
    if live.count() >= MAX_LIVE_REQUESTS:
        raise QuoteRefused(
            _(
                "You have %(count)s requests waiting. Finish or withdraw some "
                "before asking for more."
            )
            % {"count": MAX_LIVE_REQUESTS}
        )
    if live.filter(resident=resident).count() >= MAX_LIVE_REQUESTS_PER_SHOP:
        raise QuoteRefused(
            _(
                "You already have %(count)s requests waiting with this shop. "
                "Add to one of them with a message instead."
            )
            % {"count": MAX_LIVE_REQUESTS_PER_SHOP}
        )


def _check_repeat(
    buyer, resident: Resident, destination: str, lines: list[LineWish], now
) -> None:
    """Refuse a request the buyer has just sent: the same products and
    quantities, to the same shop and destination, still waiting."""
    wanted = sorted((wish.stockrecord_id, wish.quantity) for wish in lines)
    recent = QuoteRequest.objects.filter(
        buyer=buyer,
        resident=resident,
        destination=destination,
        status__in=LIVE_REQUEST,
        created_at__gte=now - REPEAT_WINDOW,
    ).prefetch_related("lines")
    for earlier in recent:
        asked = sorted(
            (line.stockrecord_id, line.quantity) for line in earlier.lines.all()
        )
        if asked == wanted:
            raise QuoteRefused(
                _(
                    "You have just asked this shop for the same products: request "
                    "%(number)s is waiting for its answer."
                )
                % {"number": earlier.number}
            )


def _records(resident: Resident, wishes: list[LineWish]) -> dict[int, StockRecord]:
    ids = [wish.stockrecord_id for wish in wishes]
    if len(set(ids)) != len(ids):
        raise QuoteRefused(_("A product is listed twice: give one line per product."))
    records = (
        StockRecord.objects.filter(pk__in=ids, partner_id=resident.partner_id)
        .select_related(
            "partner__resident",
            "product__product_class",
            "product__parent__product_class",
        )
        .in_bulk()
    )
    if len(records) != len(ids):
        raise QuoteRefused(_("Choose products of this shop."))
    return records


@transaction.atomic
def quote_request_create(
    *,
    buyer,
    resident: Resident,
    lines: list[LineWish],
    destination: str,
    wanted_by: date | None,
    message: str,
    language: str,
    now: datetime | None = None,
) -> QuoteRequest:
    """A business buyer asks `resident` for a quote. Refused (QuoteRefused,
    nothing stored) for a buyer without a business profile, a shop that may
    not act, one of the shop's own people, a product the public may not buy
    (the one rule), more than is in stock from a shop that does not make to
    order, a date in the past, too many lines or too many live requests.
    The resident's people are e-mailed in the resident's language, and the
    resident's and partners' webhook endpoints hear `quote.requested`."""
    now = now or timezone.now()
    if not _signed_in(buyer):
        raise QuoteRefused(_("Sign in to ask for a quote."))
    # The profile's row is the buyer's lock: two asks at once (a double
    # click, two tabs) are taken one after the other, so the caps and the
    # repeat check below count what the other wrote.
    profile = BusinessProfile.objects.select_for_update().filter(user=buyer).first()
    if profile is None:
        raise QuoteRefused(_("Tell us about your business first."))
    if not resident_may_act(resident):
        raise QuoteRefused(_("This shop is closed at the moment."))
    if resident.partner.users.filter(pk=buyer.pk).exists():
        raise QuoteRefused(_("You cannot ask your own shop for a quote."))
    if not lines:
        raise QuoteRefused(_("Choose at least one product."))
    if len(lines) > MAX_LINES:
        raise QuoteRefused(
            _("Ask for at most %(count)s products at once.") % {"count": MAX_LINES}
        )
    reason = destination_refusal(destination)
    if reason:
        raise QuoteRefused(reason)
    _check_wish_date(wanted_by, now)
    text = clean_text(message, required=False)
    _check_repeat(buyer, resident, destination, lines, now)
    _check_flood(buyer, resident)
    records = _records(resident, lines)
    makes_to_order = _makes_to_order(resident)
    checked = []
    for wish in lines:
        record = records[wish.stockrecord_id]
        reason, made_to_order = request_line_refusal(
            stockrecord=record,
            quantity=wish.quantity,
            makes_to_order=makes_to_order,
            now=now,
        )
        if reason:
            raise QuoteRefused(reason)
        checked.append((record, wish.quantity, made_to_order))
    request = QuoteRequest.objects.create(
        buyer=buyer,
        resident=resident,
        company_name=profile.company_name,
        company_country=profile.country,
        tax_number=profile.tax_number,
        destination=destination,
        wanted_by=wanted_by,
        message=text,
        buyer_language=(language or "az")[:5],
        created_at=now,
    )
    QuoteRequestLine.objects.bulk_create(
        QuoteRequestLine(
            request=request,
            product=record.product,
            stockrecord=record,
            quantity=quantity,
            made_to_order=made_to_order,
        )
        for record, quantity, made_to_order in checked
    )
    emails.requested(request)
    # Delivery rows in this transaction; sent after its commit.
    webhook_quote_requested_emit(request=request)
    return request


def _live_quote(request: QuoteRequest):
    return request.quotes.filter(
        status__in=(QuoteStatus.OFFERED, QuoteStatus.ACCEPTED)
    ).first()


@transaction.atomic
def quote_request_withdraw(
    *, request: QuoteRequest, by, now: datetime | None = None
) -> QuoteRequest:
    """The buyer withdraws their request (and the quote offered or accepted
    on it, which can then no longer be paid). Refused once it is paid or
    finished. The resident's people are told."""
    now = now or timezone.now()
    request = lock_request(request.pk)
    if not is_buyer(request, by):
        raise QuoteRefused(_("Only the buyer may withdraw this request."))
    reason = live_request_refusal(request)
    if reason:
        raise QuoteRefused(reason)
    quote = _live_quote(request)
    if quote is not None:
        quote.status = QuoteStatus.WITHDRAWN
        quote.save(update_fields=["status"])
    request.status = QuoteRequestStatus.WITHDRAWN
    request.closed_at = now
    request.save(update_fields=["status", "closed_at", "updated_at"])
    emails.withdrawn(request)
    return request


@transaction.atomic
def quote_request_decline(
    *, request: QuoteRequest, by, reason: str, now: datetime | None = None
) -> QuoteRequest:
    """The resident declines, with a reason the buyer reads (a quote offered
    and not yet accepted is withdrawn). Refused once the buyer accepted a
    quote: the resident committed to it."""
    now = now or timezone.now()
    request = lock_request(request.pk)
    if not acts_for_resident(request, acting_resident(by)):
        raise QuoteRefused(_("You cannot answer this request."))
    text = clean_text(reason, required=True, limit=2000)
    if request.status not in (QuoteRequestStatus.OPEN, QuoteRequestStatus.QUOTED):
        raise QuoteRefused(
            live_request_refusal(request)
            or _("The buyer accepted your quote: it can no longer be declined.")
        )
    quote = _live_quote(request)
    if quote is not None:
        quote.status = QuoteStatus.WITHDRAWN
        quote.save(update_fields=["status"])
    request.status = QuoteRequestStatus.DECLINED
    request.decline_reason = text
    request.answered_at = request.answered_at or now
    request.closed_at = now
    request.save(
        update_fields=[
            "status",
            "decline_reason",
            "answered_at",
            "closed_at",
            "updated_at",
        ]
    )
    emails.declined(request)
    return request
