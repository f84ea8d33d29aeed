"""Holding, taking and giving back units of a stock record: the one race-safe
step that the checkout (physical goods, paid course seats) and Kreativ Edu
(free and sponsored seats) share, so that nothing is ever sold or seated
beyond what there is.

What is free for someone is counted in one place (`units_free`):

    num_in_stock - num_allocated - units held by others (not run out) - kept

A hold (`StockHold`) counts only until its `reserved_until`, so a hold that
nobody releases stops counting by itself. Every write locks the stock record's
row first (SELECT ... FOR UPDATE, callers take rows in a fixed order), then
counts in a new statement, which on PostgreSQL sees every hold committed by
the transaction that held the lock before; on SQLite the write transaction is
IMMEDIATE, so writers are serialised anyway.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db.models import F, IntegerField, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from oscar.apps.partner.models import StockRecord

from .models import StockHold
from .signals import stock_changed


def active_holds(*, now: datetime | None = None) -> QuerySet[StockHold]:
    """Holds that still count (not run out at `now`)."""
    return StockHold.objects.filter(reserved_until__gt=now or timezone.now())


def units_held(
    *, stockrecord_id: int, now: datetime | None = None, except_key: str = ""
) -> int:
    """Units of a stock record held by holds that have not run out, other
    than `except_key`'s own."""
    holds = active_holds(now=now).filter(stockrecord_id=stockrecord_id)
    if except_key:
        holds = holds.exclude(key=except_key)
    return holds.aggregate(total=Coalesce(Sum("quantity"), 0))["total"]


def units_held_subquery(outer_ref: str = "pk", *, now: datetime | None = None):
    """The same count as an expression on the stock record at OuterRef, for
    annotating lists in one query (`StockRecord.objects.annotate(units_held=
    units_held_subquery())`)."""
    held = (
        active_holds(now=now)
        .filter(stockrecord_id=OuterRef(outer_ref))
        .order_by()
        .values("stockrecord_id")
        .annotate(total=Sum("quantity"))
        .values("total")
    )
    return Coalesce(Subquery(held, output_field=IntegerField()), 0)


def with_units_held(records: QuerySet, *, now: datetime | None = None) -> QuerySet:
    return records.annotate(units_held=units_held_subquery(now=now))


def units_free(
    record: StockRecord,
    *,
    now: datetime | None = None,
    except_key: str = "",
    kept: int = 0,
) -> int:
    """Units of `record` someone (the holder `except_key`, if given) could take
    now: stock less allocations, others' live holds and the `kept` units
    (seats kept for waitlisted learners). Uses the `units_held` annotation
    when the record carries it and no holder is excluded."""
    if record.num_in_stock is None:
        return 0
    held = getattr(record, "units_held", None)
    if held is None or except_key:
        held = units_held(stockrecord_id=record.pk, now=now, except_key=except_key)
    free = record.num_in_stock - (record.num_allocated or 0) - held - kept
    return max(free, 0)


def _locked(stockrecord_id: int) -> StockRecord:
    return StockRecord.objects.select_for_update().get(pk=stockrecord_id)


def stock_hold(
    *,
    stockrecord_id: int,
    quantity: int,
    key: str,
    until: datetime,
    kept: int = 0,
    now: datetime | None = None,
) -> bool:
    """Hold `quantity` units for `key` until `until`, replacing the holder's
    earlier hold of this record, if that many are free beyond others' live
    holds and the `kept` units. Returns whether the units are held; on False
    nothing changed."""
    now = now or timezone.now()
    record = _locked(stockrecord_id)
    if units_free(record, now=now, except_key=key, kept=kept) < quantity:
        return False
    StockHold.objects.update_or_create(
        stockrecord_id=stockrecord_id,
        key=key,
        defaults={"quantity": quantity, "reserved_until": until},
    )
    return True


def stock_take(
    *,
    stockrecord_id: int,
    quantity: int,
    kept: int = 0,
    key: str = "",
    now: datetime | None = None,
) -> bool:
    """Allocate `quantity` units for good (a placed order, a free seat) if that
    many are free beyond others' live holds and the `kept` units. The
    holder's own hold (`key`), live or run out, is what it takes: it is
    removed. Returns whether the units were taken; on False nothing changed."""
    now = now or timezone.now()
    record = _locked(stockrecord_id)
    if units_free(record, now=now, except_key=key, kept=kept) < quantity:
        return False
    StockRecord.objects.filter(pk=stockrecord_id).update(
        num_allocated=Coalesce(F("num_allocated"), 0) + quantity
    )
    if key:
        StockHold.objects.filter(stockrecord_id=stockrecord_id, key=key).delete()
    return True


def stock_release(*, key: str) -> list[int]:
    """Drop every hold of `key` (the buyer went back, the payment failed).
    Returns the stock records whose holds were dropped."""
    holds = StockHold.objects.filter(key=key)
    stockrecord_ids = sorted(set(holds.values_list("stockrecord_id", flat=True)))
    holds.delete()
    return stockrecord_ids


def holds_of(key: str) -> list[StockHold]:
    """The holder's holds, live or run out, in stock record order."""
    return list(StockHold.objects.filter(key=key).order_by("stockrecord_id"))


def holds_tidy(*, now: datetime | None = None) -> list[int]:
    """Delete holds that ran out (they already count for nothing: this only
    keeps the table small and tells listeners that units came back). Returns
    the stock records concerned."""
    expired = StockHold.objects.filter(reserved_until__lte=now or timezone.now())
    stockrecord_ids = sorted(set(expired.values_list("stockrecord_id", flat=True)))
    expired.delete()
    return stockrecord_ids


def stock_give_back(*, stockrecord_id: int, quantity: int) -> bool:
    """Release `quantity` allocated units (a refunded line, a cancelled
    seat). Never below zero."""
    return bool(
        StockRecord.objects.filter(
            pk=stockrecord_id, num_allocated__gte=quantity
        ).update(num_allocated=F("num_allocated") - quantity)
    )


def stock_left(record: StockRecord, *, now: datetime | None = None) -> int:
    """Units anyone could take now."""
    return units_free(record, now=now)


def stock_announce(stockrecord_ids: Iterable[int]) -> None:
    """Tell listeners (search, the waitlist) that availability changed: the
    UPDATEs above send no model signal."""
    product_ids = StockRecord.objects.filter(pk__in=list(stockrecord_ids)).values_list(
        "product_id", flat=True
    )
    stock_changed.send(sender=StockRecord, product_ids=list(product_ids))
