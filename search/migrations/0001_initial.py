import django.db.models.deletion
from django.db import migrations, models

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_productdocument_fts USING fts5(
        text, content='search_productdocument', content_rowid='product_id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER search_productdocument_ai AFTER INSERT ON search_productdocument
    BEGIN
        INSERT INTO search_productdocument_fts(rowid, text)
        VALUES (new.product_id, new.text);
    END""",
    """CREATE TRIGGER search_productdocument_ad AFTER DELETE ON search_productdocument
    BEGIN
        INSERT INTO search_productdocument_fts(search_productdocument_fts, rowid, text)
        VALUES ('delete', old.product_id, old.text);
    END""",
    """CREATE TRIGGER search_productdocument_au AFTER UPDATE ON search_productdocument
    BEGIN
        INSERT INTO search_productdocument_fts(search_productdocument_fts, rowid, text)
        VALUES ('delete', old.product_id, old.text);
        INSERT INTO search_productdocument_fts(rowid, text)
        VALUES (new.product_id, new.text);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_productdocument_au",
    "DROP TRIGGER IF EXISTS search_productdocument_ad",
    "DROP TRIGGER IF EXISTS search_productdocument_ai",
    "DROP TABLE IF EXISTS search_productdocument_fts",
]
POSTGRES_FORWARD = [
    """ALTER TABLE search_productdocument ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED""",
    """CREATE INDEX search_productdocument_vector_gin
    ON search_productdocument USING gin (search_vector)""",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_productdocument_vector_gin",
    "ALTER TABLE search_productdocument DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("catalogue", "0032_category_exclude_from_menu_category_long_description"),
    ]

    operations = [
        migrations.CreateModel(
            name="ProductDocument",
            fields=[
                (
                    "product",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="catalogue.product",
                    ),
                ),
                ("text", models.TextField(verbose_name="normalised text")),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "verbose_name": "product search document",
                "verbose_name_plural": "product search documents",
            },
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
