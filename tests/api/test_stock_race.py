"""A stock count set through the API while a checkout allocates units of
the same record: the two are serialised by the record's row lock, and the
stock never ends below what is allocated (PostgreSQL; SQLite serialises
every writer anyway)."""

import time
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.utils import translation
from oscar.apps.partner.models import StockRecord

from catalogue.kinds import PHYSICAL
from market.residents.services import listing_stock_set
from tests.factories import ProductFactory
from tests.threads import run_together

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _allocate(record_id: int, quantity: int) -> bool:
    """The checkout's shape: lock the record, count what is free, allocate."""
    with transaction.atomic():
        record = StockRecord.objects.select_for_update().get(pk=record_id)
        time.sleep(0.2)  # hold the lock while the other side waits
        free = record.num_in_stock - (record.num_allocated or 0)
        if free < quantity:
            return False
        record.allocate(quantity)
        return True


def _set_in_english(resident, product, stock):
    # A thread starts in the default language; the assertion reads English.
    with translation.override("en"):
        return listing_stock_set(resident=resident, product=product, stock=stock)


@pytest.mark.parametrize("run", range(3))
def test_stock_set_and_allocation_end_consistent(migration_rows, resident, run):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite serialises writers")
    product = ProductFactory(
        resident=resident, kind=PHYSICAL, price=Decimal("10.00"), num_in_stock=3
    )
    record = product.stockrecords.get()

    outcomes = run_together(
        [
            lambda: _allocate(record.pk, 2),
            lambda: _set_in_english(resident, product, 1),
        ]
    )

    record.refresh_from_db()
    allocated = record.num_allocated or 0
    assert record.num_in_stock >= allocated
    if outcomes[0] is True:
        # The allocation went first: setting 1 is refused, nothing changed.
        assert (record.num_in_stock, allocated) == (3, 2)
        assert "keep at least that many" in str(outcomes[1])
    else:
        # The stock was set first: the allocation found too few, took none.
        assert outcomes[0] is False
        assert isinstance(outcomes[1], StockRecord)
        assert (record.num_in_stock, allocated) == (1, 0)
