"""Writing orders and refunds into the ledger. The checkout calls both inside
its own transactions."""

from __future__ import annotations

import datetime
import logging
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.apps.order.models import Line, Order

from market.payments import client as payments
from market.payments import keys
from market.payments.money import Money
from market.residents.models import Resident

from .. import selectors
from ..models import EntryKind, LedgerEntry, LineShare
from ..rules import ZERO, cents, commission_amount, commission_refund_amount

logger = logging.getLogger(__name__)

MAX_REFUND_KEY_LENGTH = 100


def ledger_entry_append(
    *,
    key: str,
    account: Resident | None,
    kind: str,
    amount: Decimal,
    now: datetime.datetime,
    available_at: datetime.datetime | None = None,
    order: Order | None = None,
    line: Line | None = None,
    payout=None,
) -> LedgerEntry | None:
    """Append one entry (the only way entries are written). Zero amounts are
    not written: they move nothing."""
    if amount == 0:
        return None
    return LedgerEntry.objects.create(
        key=key,
        account=account,
        kind=kind,
        amount=amount,
        order=order,
        line=line,
        payout=payout,
        created_at=now,
        available_at=available_at or now,
    )


def _require_base_currency(order: Order) -> None:
    # Residents price in AZN and the ledger is kept in AZN. An order recorded
    # in another currency would need its lines' AZN prices, which Oscar's
    # lines do not carry: refuse rather than mix currencies.
    if order.currency != settings.MARKET_BASE_CURRENCY:
        raise ValidationError(
            _("Order %(number)s is in %(currency)s; the ledger is kept in %(base)s."),
            params={
                "number": order.number,
                "currency": order.currency,
                "base": settings.MARKET_BASE_CURRENCY,
            },
        )


@transaction.atomic
def order_shares_record(*, order: Order) -> list[LineShare]:
    """Snapshot the commission of every line of a placed order and write its
    sale and commission entries.

    Call it inside the order-placement transaction. Idempotent: for an order
    already recorded it writes nothing and returns the existing shares. Sales
    and commissions become available for payout after
    settings.MARKET_PAYOUT_HOLD_DAYS.
    """
    # Serialises two calls for one order (webhook and return URL at once).
    order = Order.objects.select_for_update().get(pk=order.pk)
    lines = list(order.lines.select_related("partner__resident").order_by("pk"))
    existing = {
        share.line_id: share for share in LineShare.objects.filter(line__order=order)
    }
    if len(existing) == len(lines):
        return [existing[line.pk] for line in lines]
    _require_base_currency(order)
    now = timezone.now()
    available_at = now + datetime.timedelta(days=settings.MARKET_PAYOUT_HOLD_DAYS)
    shares = []
    for line in lines:
        if line.pk in existing:
            shares.append(existing[line.pk])
            continue
        shares.append(_line_share_record(line=line, now=now, available_at=available_at))
    return shares


def _line_resident(line: Line) -> Resident | None:
    if line.partner is None:
        return None
    try:
        return line.partner.resident
    except Resident.DoesNotExist:
        return None


def _line_share_record(
    *, line: Line, now: datetime.datetime, available_at: datetime.datetime
) -> LineShare:
    resident = _line_resident(line)
    gross = line.line_price_incl_tax
    if resident is None:
        # A line the Centre sells itself: all of it is the Centre's.
        percent, minimum, commission = Decimal(100), None, gross
    else:
        percent, minimum = selectors.commission_rate_for(resident=resident)
        commission = commission_amount(gross=gross, percent=percent, minimum=minimum)
    share = LineShare.objects.create(
        line=line,
        resident=resident,
        gross=gross,
        commission_percent=percent,
        commission_minimum=minimum,
        commission=commission,
        net=gross - commission,
    )
    common = {"order": line.order, "line": line, "now": now}
    if resident is None:
        ledger_entry_append(
            key=f"sale:line:{line.pk}",
            account=None,
            kind=EntryKind.SALE,
            amount=gross,
            available_at=available_at,
            **common,
        )
        return share
    ledger_entry_append(
        key=f"sale:line:{line.pk}",
        account=resident,
        kind=EntryKind.SALE,
        amount=gross,
        available_at=available_at,
        **common,
    )
    # The commission clears with its sale, on both sides.
    ledger_entry_append(
        key=f"commission:line:{line.pk}:resident",
        account=resident,
        kind=EntryKind.COMMISSION,
        amount=-commission,
        available_at=available_at,
        **common,
    )
    ledger_entry_append(
        key=f"commission:line:{line.pk}:centre",
        account=None,
        kind=EntryKind.COMMISSION,
        amount=commission,
        available_at=available_at,
        **common,
    )
    return share


def _refunded(share: LineShare) -> Decimal:
    """What was refunded on a line so far (a positive amount)."""
    total = LedgerEntry.objects.filter(
        line_id=share.line_id, kind=EntryKind.REFUND
    ).aggregate(total=Sum("amount"))["total"]
    return -cents(total)


@transaction.atomic
def line_refund_record(*, line: Line, amount: Decimal, key: str) -> list[LedgerEntry]:
    """Record that `amount` AZN of a line's gross went back to the buyer.

    Call it inside the checkout's refund transaction; `key` names the refund
    (the same key again writes nothing and returns the same entries). The
    seller loses `amount`; the Centre gives back its commission prorated
    (rules.commission_refund_amount). Refunds of a line never exceed its gross:
    above that it raises ValidationError and writes nothing.

    If the resident was already paid this money through Stripe Connect, the
    refund's net is taken back from the order's transfer(s) and a `reversal`
    entry records what came back. What cannot be taken back (bank transfers,
    or Stripe refusing) leaves the resident's balance negative: a debt the
    next payout nets off.
    """
    if (
        not isinstance(amount, Decimal)
        or amount <= 0
        or amount != amount.quantize(Decimal("0.01"))
    ):
        raise ValidationError(
            _("A refund is a positive amount in whole cents."), code="amount"
        )
    if not key or len(key) > MAX_REFUND_KEY_LENGTH:
        raise ValidationError(
            _("A refund needs a key of at most %(length)s characters."),
            params={"length": MAX_REFUND_KEY_LENGTH},
            code="key",
        )
    refund_key = f"refund:{key}:line:{line.pk}"
    if LedgerEntry.objects.filter(key=refund_key).exists():
        return _refund_entries(line=line, key=key)
    try:
        # The row lock serialises refunds of one line, so two of them cannot
        # both pass the "not above gross" check.
        share = LineShare.objects.select_for_update().get(line_id=line.pk)
    except LineShare.DoesNotExist as error:
        raise ValidationError(
            _("This order line has no recorded share: record the order first."),
            code="no_share",
        ) from error
    if LedgerEntry.objects.filter(key=refund_key).exists():
        # Recorded by a concurrent call while this one waited for the lock.
        return _refund_entries(line=line, key=key)
    refunded_before = _refunded(share)
    if refunded_before + amount > share.gross:
        raise ValidationError(
            _(
                "Refunds of this line would total %(total)s AZN, more than its "
                "%(gross)s AZN."
            ),
            params={"total": refunded_before + amount, "gross": share.gross},
            code="above_gross",
        )
    now = timezone.now()
    line = share.line
    common = {"order": line.order, "line": line, "now": now}
    resident = share.resident
    entries = [
        ledger_entry_append(
            key=refund_key,
            account=resident,
            kind=EntryKind.REFUND,
            amount=-amount,
            **common,
        )
    ]
    if resident is None:
        return entries
    returned = commission_refund_amount(
        gross=share.gross,
        commission=share.commission,
        refunded_before=refunded_before,
        refund=amount,
    )
    entries += [
        ledger_entry_append(
            key=f"commission_refund:{key}:line:{line.pk}:resident",
            account=resident,
            kind=EntryKind.COMMISSION_REFUND,
            amount=returned,
            **common,
        ),
        ledger_entry_append(
            key=f"commission_refund:{key}:line:{line.pk}:centre",
            account=None,
            kind=EntryKind.COMMISSION_REFUND,
            amount=-returned,
            **common,
        ),
    ]
    entries += _reverse_transfers(
        resident=resident, line=line, key=key, net=amount - returned, now=now
    )
    return [entry for entry in entries if entry is not None]


def _refund_entries(*, line: Line, key: str) -> list[LedgerEntry]:
    """The entries an earlier call with this refund key wrote."""
    fixed = [
        f"refund:{key}:line:{line.pk}",
        f"commission_refund:{key}:line:{line.pk}:resident",
        f"commission_refund:{key}:line:{line.pk}:centre",
    ]
    reversals = f"reversal:{key}:line:{line.pk}:transfer:"
    return list(
        LedgerEntry.objects.filter(
            Q(key__in=fixed) | Q(key__startswith=reversals), line_id=line.pk
        ).order_by("pk")
    )


def _reverse_transfers(
    *, resident: Resident, line: Line, key: str, net: Decimal, now
) -> list[LedgerEntry]:
    """Take back from Stripe Connect what was transferred for this order
    beyond what the resident is still owed for it, at most this refund's net.

    The Stripe call happens here, inside the refund transaction, because the
    ledger must say in the same transaction whether the money came back. If
    that transaction later rolls back, Stripe has reversed money we did not
    record; the checkout retries the refund with the same key, which gives
    the same idempotency key, so Stripe answers with the same reversal
    instead of reversing twice, and this time it is recorded.
    """
    order = line.order
    transfers = list(
        selectors.sent_transfers(resident=resident, order=order).order_by("-pk")
    )
    if not transfers or net <= 0:
        return []
    remaining = {
        t.pk: t.amount - selectors.transfer_reversed(transfer=t) for t in transfers
    }
    transferred = sum(remaining.values(), ZERO)
    owed = cents(
        LedgerEntry.objects.filter(account=resident, order=order).aggregate(
            total=Sum("amount")
        )["total"]
    )
    to_reverse = min(net, max(transferred - max(owed, ZERO), ZERO))
    entries = []
    for transfer in transfers:  # newest first
        if to_reverse <= 0:
            break
        part = min(to_reverse, remaining[transfer.pk])
        if part <= 0:
            continue
        try:
            reversed_money = payments.transfer_reverse(
                transfer_id=transfer.stripe_transfer_id,
                amount=Money(part, settings.MARKET_BASE_CURRENCY),
                idempotency_key=keys.transfer_reversal(key, line.pk, transfer.pk),
            )
        except payments.PaymentProviderError as error:
            # Not recovered: the resident's balance goes negative (a debt).
            logger.warning(
                "Reversal of %s for refund %s failed: %s",
                transfer.stripe_transfer_id,
                key,
                error,
            )
            break
        entries.append(
            ledger_entry_append(
                key=f"reversal:{key}:line:{line.pk}:transfer:{transfer.pk}",
                account=resident,
                kind=EntryKind.REVERSAL,
                amount=reversed_money.amount,
                line=line,
                payout=transfer.payout,
                now=now,
            )
        )
        to_reverse -= reversed_money.amount
    return [entry for entry in entries if entry is not None]


def _order_account_sums(order: Order) -> dict:
    """Each account's sum of an order's entries (None: the Centre)."""
    sums: dict = {}
    for account_id, amount in LedgerEntry.objects.filter(order=order).values_list(
        "account_id", "amount"
    ):
        sums[account_id] = sums.get(account_id, ZERO) + amount
    return sums


@transaction.atomic
def order_balance_hold(*, order: Order, balance: Decimal) -> list[LedgerEntry]:
    """An order paid with a deposit: `balance` AZN of it is not paid yet.
    Call it inside the placement transaction, after the order's sales,
    commissions and shipping are written. Each account gives back its share
    of the balance (a BALANCE_DUE entry, clearing with its sale), so that
    what anyone may be paid out is what the buyer has paid; the resident's
    share is rounded half up to the cent and the Centre's is the rest, so
    the two are `balance` exactly. Idempotent per order."""
    if balance <= 0:
        return []
    existing = list(LedgerEntry.objects.filter(order=order, kind=EntryKind.BALANCE_DUE))
    if existing:
        return existing
    sums = _order_account_sums(order)
    total = sum(sums.values(), ZERO)
    if not ZERO < balance <= total:
        raise ValidationError(
            _("The balance of order %(number)s is more than its total."),
            params={"number": order.number},
        )
    now = timezone.now()
    available_at = now + datetime.timedelta(days=settings.MARKET_PAYOUT_HOLD_DAYS)
    residents = {
        resident.pk: resident
        for resident in Resident.objects.filter(
            pk__in=[pk for pk in sums if pk is not None]
        )
    }
    entries, left = [], balance
    for account_id in sorted(pk for pk in sums if pk is not None):
        share = cents(sums[account_id] * balance / total)
        left -= share
        entries.append(
            ledger_entry_append(
                key=f"balance-due:order:{order.pk}:{account_id}",
                account=residents[account_id],
                kind=EntryKind.BALANCE_DUE,
                amount=-share,
                now=now,
                available_at=available_at,
                order=order,
            )
        )
    entries.append(
        ledger_entry_append(
            key=f"balance-due:order:{order.pk}:centre",
            account=None,
            kind=EntryKind.BALANCE_DUE,
            amount=-left,
            now=now,
            available_at=available_at,
            order=order,
        )
    )
    return [entry for entry in entries if entry is not None]


@transaction.atomic
def order_balance_release(
    *, order: Order, kind: str = EntryKind.BALANCE_PAID
) -> list[LedgerEntry]:
    """The buyer paid the balance: every BALANCE_DUE entry of the order is
    given back by a BALANCE_PAID entry of the same amount, clearing
    MARKET_PAYOUT_HOLD_DAYS from now. With `kind` BALANCE_CANCELLED (the
    order cancelled and its deposit refunded, its sales refunded in full),
    the same, cleared at once. Idempotent per order."""
    now = timezone.now()
    available_at = now + datetime.timedelta(days=settings.MARKET_PAYOUT_HOLD_DAYS)
    released = []
    for held in LedgerEntry.objects.filter(
        order=order, kind=EntryKind.BALANCE_DUE
    ).order_by("pk"):
        key = held.key.replace("balance-due:", f"{kind.replace('_', '-')}:", 1)
        entry = LedgerEntry.objects.filter(key=key).first() or ledger_entry_append(
            key=key,
            account=held.account,
            kind=kind,
            amount=-held.amount,
            now=now,
            available_at=available_at if kind == EntryKind.BALANCE_PAID else now,
            order=order,
        )
        released.append(entry)
    return released
