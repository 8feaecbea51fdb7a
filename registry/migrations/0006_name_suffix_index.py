"""On SQLite, every suffix of every normalised name (from each letter that starts one), with the
name itself, in one ordered table: a part of a name is a range of it, already in name order,
so a page of matches costs the page and not the register. The FTS5 trigram index it replaces
read a list of every name holding each three letters, which grows with the register (issue 9:
a search at a million people took 10 times as long as at ten thousand; pg_trgm on PostgreSQL
grew the same way). Kept in step by triggers, as the FTS5 index was, so bulk inserts of imports
and synthetic data are indexed too. On PostgreSQL the suffixes compare byte by byte (COLLATE "C":
a part of a name is then one range) and the names in the database's own order, the order of the
lists that read them; pg_trgm (migration 0003) stays for the staff lists' other LIKE filters."""

from django.db import migrations

# Names are at most 150 characters but transliteration (unidecode) can lengthen them.
LONGEST_NAME = 1000

SQLITE_CREATE = [
    "CREATE TABLE IF NOT EXISTS registry_name_position (n INTEGER PRIMARY KEY)",
    f"""INSERT OR IGNORE INTO registry_name_position (n)
          WITH RECURSIVE position(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM position WHERE n < {LONGEST_NAME})
          SELECT n FROM position""",
    """CREATE TABLE IF NOT EXISTS registry_person_name_suffix (
         suffix TEXT NOT NULL, name_key TEXT NOT NULL, person_id INTEGER NOT NULL,
         PRIMARY KEY (suffix, name_key, person_id)) WITHOUT ROWID""",
    # Built in key order: one pass instead of a random insert per suffix.
    """INSERT OR IGNORE INTO registry_person_name_suffix (suffix, name_key, person_id)
         SELECT substr(p.name_key, position.n), p.name_key, p.id FROM registry_person p
         JOIN registry_name_position position ON position.n <= length(p.name_key)
         WHERE substr(p.name_key, position.n, 1) <> ' ' ORDER BY 1, 2, 3""",
    """CREATE TRIGGER IF NOT EXISTS registry_person_name_suffix_ai AFTER INSERT ON registry_person BEGIN
         INSERT OR IGNORE INTO registry_person_name_suffix (suffix, name_key, person_id)
         SELECT substr(new.name_key, n), new.name_key, new.id FROM registry_name_position
         WHERE n <= length(new.name_key) AND substr(new.name_key, n, 1) <> ' '; END""",
    """CREATE TRIGGER IF NOT EXISTS registry_person_name_suffix_ad AFTER DELETE ON registry_person BEGIN
         DELETE FROM registry_person_name_suffix WHERE name_key = old.name_key AND person_id = old.id
         AND suffix IN (SELECT substr(old.name_key, n) FROM registry_name_position WHERE n <= length(old.name_key)); END""",
    """CREATE TRIGGER IF NOT EXISTS registry_person_name_suffix_au AFTER UPDATE OF name_key ON registry_person
         WHEN old.name_key IS NOT new.name_key BEGIN
         DELETE FROM registry_person_name_suffix WHERE name_key = old.name_key AND person_id = old.id
         AND suffix IN (SELECT substr(old.name_key, n) FROM registry_name_position WHERE n <= length(old.name_key));
         INSERT OR IGNORE INTO registry_person_name_suffix (suffix, name_key, person_id)
         SELECT substr(new.name_key, n), new.name_key, new.id FROM registry_name_position
         WHERE n <= length(new.name_key) AND substr(new.name_key, n, 1) <> ' '; END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS registry_person_name_suffix_ai",
    "DROP TRIGGER IF EXISTS registry_person_name_suffix_ad",
    "DROP TRIGGER IF EXISTS registry_person_name_suffix_au",
    "DROP TABLE IF EXISTS registry_person_name_suffix",
    "DROP TABLE IF EXISTS registry_name_position",
]
FTS5_DROP = [
    "DROP TRIGGER IF EXISTS registry_person_name_fts_ai",
    "DROP TRIGGER IF EXISTS registry_person_name_fts_ad",
    "DROP TRIGGER IF EXISTS registry_person_name_fts_au",
    "DROP TABLE IF EXISTS registry_person_name_fts",
]

POSTGRESQL_CREATE = [
    """CREATE TABLE IF NOT EXISTS registry_person_name_suffix (
         suffix text COLLATE "C" NOT NULL, name_key text NOT NULL, person_id integer NOT NULL,
         PRIMARY KEY (suffix, name_key, person_id))""",
    """INSERT INTO registry_person_name_suffix (suffix, name_key, person_id)
         SELECT substr(p.name_key, n), p.name_key, p.id FROM registry_person p, generate_series(1, length(p.name_key)) n
         WHERE substr(p.name_key, n, 1) <> ' ' ON CONFLICT DO NOTHING""",
    """CREATE OR REPLACE FUNCTION registry_person_name_suffix_sync() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'TRUNCATE' THEN
           TRUNCATE registry_person_name_suffix;
           RETURN NULL;
         END IF;
         IF TG_OP IN ('UPDATE', 'DELETE') THEN
           DELETE FROM registry_person_name_suffix WHERE person_id = OLD.id AND name_key = OLD.name_key
             AND suffix IN (SELECT substr(OLD.name_key, n) FROM generate_series(1, length(OLD.name_key)) n);
         END IF;
         IF TG_OP IN ('INSERT', 'UPDATE') THEN
           INSERT INTO registry_person_name_suffix (suffix, name_key, person_id)
             SELECT substr(NEW.name_key, n), NEW.name_key, NEW.id FROM generate_series(1, length(NEW.name_key)) n
             WHERE substr(NEW.name_key, n, 1) <> ' ' ON CONFLICT DO NOTHING;
         END IF;
         RETURN NULL;
       END $$""",
    """CREATE OR REPLACE TRIGGER registry_person_name_suffix_ai AFTER INSERT ON registry_person
         FOR EACH ROW EXECUTE FUNCTION registry_person_name_suffix_sync()""",
    """CREATE OR REPLACE TRIGGER registry_person_name_suffix_ad AFTER DELETE ON registry_person
         FOR EACH ROW EXECUTE FUNCTION registry_person_name_suffix_sync()""",
    """CREATE OR REPLACE TRIGGER registry_person_name_suffix_au AFTER UPDATE OF name_key ON registry_person
         FOR EACH ROW WHEN (OLD.name_key IS DISTINCT FROM NEW.name_key) EXECUTE FUNCTION registry_person_name_suffix_sync()""",
    # Django empties tables with TRUNCATE between some tests; the suffixes must go with the people.
    """CREATE OR REPLACE TRIGGER registry_person_name_suffix_at AFTER TRUNCATE ON registry_person
         FOR EACH STATEMENT EXECUTE FUNCTION registry_person_name_suffix_sync()""",
]
POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS registry_person_name_suffix_ai ON registry_person",
    "DROP TRIGGER IF EXISTS registry_person_name_suffix_ad ON registry_person",
    "DROP TRIGGER IF EXISTS registry_person_name_suffix_au ON registry_person",
    "DROP TRIGGER IF EXISTS registry_person_name_suffix_at ON registry_person",
    "DROP FUNCTION IF EXISTS registry_person_name_suffix_sync()",
    "DROP TABLE IF EXISTS registry_person_name_suffix",
]


def create(apps, schema_editor):
    connection = schema_editor.connection
    statements = {"sqlite": FTS5_DROP + SQLITE_CREATE, "postgresql": POSTGRESQL_CREATE}.get(connection.vendor, [])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def drop(apps, schema_editor):
    connection = schema_editor.connection
    statements = {"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP}.get(connection.vendor, [])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    if connection.vendor == "sqlite":
        from importlib import import_module

        import_module("registry.migrations.0003_name_search_index").create(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("registry", "0005_dashboard_indexes")]
    operations = [migrations.RunPython(create, drop, elidable=False)]
