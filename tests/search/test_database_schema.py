"""The full-text index each database gets from search's migration."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.postgres
def test_postgres_has_a_generated_tsvector_with_a_gin_index():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT data_type, is_generated FROM information_schema.columns "
            "WHERE table_name = 'search_productdocument' "
            "AND column_name = 'search_vector'"
        )
        column = cursor.fetchone()
        cursor.execute(
            "SELECT indexdef FROM pg_indexes "
            "WHERE indexname = 'search_productdocument_vector_gin'"
        )
        (index,) = cursor.fetchone()

    assert column == ("tsvector", "ALWAYS")
    assert "USING gin (search_vector)" in index


def test_sqlite_has_an_fts5_table_kept_in_step_by_triggers():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: PostgreSQL uses a tsvector column instead")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE name LIKE 'search_productdocument%' "
            "AND type IN ('table', 'trigger') ORDER BY name"
        )
        names = [row[0] for row in cursor.fetchall()]

    assert names == [
        "search_productdocument",
        "search_productdocument_ad",
        "search_productdocument_ai",
        "search_productdocument_au",
        "search_productdocument_fts",
        "search_productdocument_fts_config",
        "search_productdocument_fts_data",
        "search_productdocument_fts_docsize",
        "search_productdocument_fts_idx",
    ]
