"""A substring index on people's normalised names, so that searching the register for part of a
name does not read every person: FTS5 with the trigram tokenizer on SQLite (kept in step by
triggers, so bulk inserts of imports and synthetic data are indexed too), pg_trgm on PostgreSQL
(used by the planner for LIKE '%…%'). Where neither is available the search still works,
by reading the table."""

from django.db import migrations

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS registry_person_name_fts USING fts5(name_key, content='registry_person', content_rowid='id', tokenize='trigram')",
    "INSERT INTO registry_person_name_fts(registry_person_name_fts) VALUES('rebuild')",
    """CREATE TRIGGER IF NOT EXISTS registry_person_name_fts_ai AFTER INSERT ON registry_person BEGIN
         INSERT INTO registry_person_name_fts(rowid, name_key) VALUES (new.id, new.name_key); END""",
    """CREATE TRIGGER IF NOT EXISTS registry_person_name_fts_ad AFTER DELETE ON registry_person BEGIN
         INSERT INTO registry_person_name_fts(registry_person_name_fts, rowid, name_key) VALUES ('delete', old.id, old.name_key); END""",
    """CREATE TRIGGER IF NOT EXISTS registry_person_name_fts_au AFTER UPDATE OF name_key ON registry_person BEGIN
         INSERT INTO registry_person_name_fts(registry_person_name_fts, rowid, name_key) VALUES ('delete', old.id, old.name_key);
         INSERT INTO registry_person_name_fts(rowid, name_key) VALUES (new.id, new.name_key); END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS registry_person_name_fts_ai",
    "DROP TRIGGER IF EXISTS registry_person_name_fts_ad",
    "DROP TRIGGER IF EXISTS registry_person_name_fts_au",
    "DROP TABLE IF EXISTS registry_person_name_fts",
]


def create(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT 1 FROM pragma_compile_options WHERE compile_options = 'ENABLE_FTS5'")
            if cursor.fetchone() is None:
                return
            for statement in SQLITE_CREATE:
                cursor.execute(statement)
        elif connection.vendor == "postgresql":
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            cursor.execute("CREATE INDEX IF NOT EXISTS registry_person_name_key_trgm ON registry_person USING gin (name_key gin_trgm_ops)")


def drop(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for statement in SQLITE_DROP:
                cursor.execute(statement)
        elif connection.vendor == "postgresql":
            cursor.execute("DROP INDEX IF EXISTS registry_person_name_key_trgm")


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_fee_schedules")]
    operations = [migrations.RunPython(create, drop, elidable=False)]
