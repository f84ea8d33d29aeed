"""The ledger is append-only in the database too, not only in the model:
an UPDATE (and, on PostgreSQL, a DELETE) of a ledger entry is refused by a
trigger, whoever sends it. (SQLite keeps DELETE possible: Django's test flush
empties tables with DELETE there; PostgreSQL's flush uses TRUNCATE, which row
triggers do not see.)"""

from django.db import migrations

POSTGRES_CREATE = """
CREATE OR REPLACE FUNCTION payouts_ledger_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'ledger entries are append-only (%% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER payouts_ledgerentry_append_only
    BEFORE UPDATE OR DELETE ON payouts_ledgerentry
    FOR EACH ROW EXECUTE FUNCTION payouts_ledger_append_only();
"""
POSTGRES_DROP = """
DROP TRIGGER IF EXISTS payouts_ledgerentry_append_only ON payouts_ledgerentry;
DROP FUNCTION IF EXISTS payouts_ledger_append_only();
"""
SQLITE_CREATE = """
CREATE TRIGGER payouts_ledgerentry_append_only
BEFORE UPDATE ON payouts_ledgerentry
BEGIN
    SELECT RAISE(ABORT, 'ledger entries are append-only (UPDATE refused)');
END;
"""
SQLITE_DROP = "DROP TRIGGER IF EXISTS payouts_ledgerentry_append_only;"


def _run(schema_editor, postgres: str, sqlite: str) -> None:
    vendor = schema_editor.connection.vendor
    sql = {"postgresql": postgres, "sqlite": sqlite}.get(vendor)
    if sql:
        schema_editor.execute(sql)


def create(apps, schema_editor):
    _run(schema_editor, POSTGRES_CREATE, SQLITE_CREATE)


def drop(apps, schema_editor):
    _run(schema_editor, POSTGRES_DROP, SQLITE_DROP)


class Migration(migrations.Migration):
    dependencies = [("payouts", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
