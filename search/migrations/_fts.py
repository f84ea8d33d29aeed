"""The full-text index beside search_productdocument, by database vendor.

Version 2 (migration 0002) indexes two columns: the titles (weighted above
the rest) and the other text. Version 1 (migration 0001) had one.
"""

SQLITE_FTS_V2 = [
    """CREATE VIRTUAL TABLE search_productdocument_fts USING fts5(
        title, text, content='search_productdocument', content_rowid='product_id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER search_productdocument_ai AFTER INSERT ON search_productdocument
    BEGIN
        INSERT INTO search_productdocument_fts(rowid, title, text)
        VALUES (new.product_id, new.title, new.text);
    END""",
    """CREATE TRIGGER search_productdocument_ad AFTER DELETE ON search_productdocument
    BEGIN
        INSERT INTO search_productdocument_fts(
            search_productdocument_fts, rowid, title, text)
        VALUES ('delete', old.product_id, old.title, old.text);
    END""",
    """CREATE TRIGGER search_productdocument_au AFTER UPDATE ON search_productdocument
    BEGIN
        INSERT INTO search_productdocument_fts(
            search_productdocument_fts, rowid, title, text)
        VALUES ('delete', old.product_id, old.title, old.text);
        INSERT INTO search_productdocument_fts(rowid, title, text)
        VALUES (new.product_id, new.title, new.text);
    END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_productdocument_au",
    "DROP TRIGGER IF EXISTS search_productdocument_ad",
    "DROP TRIGGER IF EXISTS search_productdocument_ai",
    "DROP TABLE IF EXISTS search_productdocument_fts",
]
POSTGRES_FTS_V2 = [
    """ALTER TABLE search_productdocument ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', title), 'A')
        || setweight(to_tsvector('simple', text), 'B')
    ) STORED""",
    """CREATE INDEX search_productdocument_vector_gin
    ON search_productdocument USING gin (search_vector)""",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_productdocument_vector_gin",
    "ALTER TABLE search_productdocument DROP COLUMN IF EXISTS search_vector",
]

DROP_V1 = {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}
DROP_V2 = DROP_V1
FTS_V2 = {"sqlite": SQLITE_FTS_V2, "postgresql": POSTGRES_FTS_V2}


def run(statements_by_vendor):
    def run_statements(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for statement in statements_by_vendor.get(vendor, []):
            schema_editor.execute(statement)

    return run_statements
