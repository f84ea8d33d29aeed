"""The embedded SQLite default must survive a few concurrent visitors."""

import pytest
from django.core.cache import cache
from django.db import connection

pytestmark = pytest.mark.django_db


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: the embedded default's concurrency settings")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        (journal_mode,) = cursor.fetchone()
        cursor.execute("PRAGMA busy_timeout")
        (busy_timeout,) = cursor.fetchone()

    assert journal_mode == "wal"
    assert busy_timeout == 20_000
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


@pytest.mark.postgres
def test_postgres_keeps_no_connection_outside_production():
    # Production keeps them (DATABASE_CONN_MAX_AGE, tests/market/test_production.py);
    # the development and test servers must not (tests/market/test_connections.py).
    assert connection.settings_dict["CONN_MAX_AGE"] == 0


def test_the_configured_cache_round_trips():
    # In CI this is Redis (CACHE_URL); by default local memory.
    cache.set("market:test", {"price": "450.00", "currency": "AZN"}, timeout=30)

    assert cache.get("market:test") == {"price": "450.00", "currency": "AZN"}
