"""Taking and giving back units of a stock record: the one race-safe step
that the checkout (physical goods, paid course seats) and Kreativ Edu (free
and sponsored seats) share, so that nothing is ever sold or seated beyond
what there is."""

from django.db.models import F
from django.db.models.functions import Coalesce
from oscar.apps.partner.models import StockRecord

from .signals import stock_changed


def stock_take(*, stockrecord_id: int, quantity: int, kept: int = 0) -> bool:
    """Allocate `quantity` units if at least that many are free beyond the
    `kept` ones (seats kept for a waitlisted learner). One conditional UPDATE:
    it re-checks and locks the row, so two buyers cannot both take the last
    unit. Returns whether the units were taken."""
    allocated = Coalesce(F("num_allocated"), 0)
    return bool(
        StockRecord.objects.filter(
            pk=stockrecord_id,
            num_in_stock__gte=allocated + quantity + kept,
        ).update(num_allocated=allocated + quantity)
    )


def stock_give_back(*, stockrecord_id: int, quantity: int) -> bool:
    """Release `quantity` allocated units (a hold that ran out, a cancelled
    seat). Never below zero."""
    return bool(
        StockRecord.objects.filter(
            pk=stockrecord_id, num_allocated__gte=quantity
        ).update(num_allocated=F("num_allocated") - quantity)
    )


def stock_left(record: StockRecord) -> int:
    return max((record.num_in_stock or 0) - (record.num_allocated or 0), 0)


def stock_announce(stockrecord_ids: list[int]) -> None:
    """Tell listeners (search, the waitlist) that availability changed: the
    UPDATEs above send no model signal."""
    product_ids = StockRecord.objects.filter(pk__in=stockrecord_ids).values_list(
        "product_id", flat=True
    )
    stock_changed.send(sender=StockRecord, product_ids=list(product_ids))
