# Search (issue #6): faster searches and related articles, as measured on
# 10,000 articles (bench/search).
# - SQLite: the FTS5 table also indexes each document's language, so that a
#   search filters by language inside the full-text index instead of joining
#   every match to articles_searchdocument (most of the time it took).
# - PostgreSQL: the title's words alone, indexed, to rank title matches first
#   without ts_filter() building a new vector for every match, and to find
#   related articles by their titles; GIN indexes without a pending list
#   (fastupdate), which every search scanned until a vacuum merged it:
#   articles are read far more often than they are written.

from django.db import migrations


def _fts_sql(columns):
    listed = ", ".join(columns)
    new = ", ".join(f"new.{column}" for column in columns)
    old = ", ".join(f"old.{column}" for column in columns)
    delete = f"""INSERT INTO articles_searchdocument_fts(
            articles_searchdocument_fts, rowid, {listed}
        ) VALUES ('delete', old.id, {old});"""
    insert = f"""INSERT INTO articles_searchdocument_fts(rowid, {listed})
        VALUES (new.id, {new});"""
    return [
        f"""CREATE VIRTUAL TABLE articles_searchdocument_fts USING fts5(
            {listed},
            content='articles_searchdocument', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        )""",
        f"""CREATE TRIGGER articles_searchdocument_ai
        AFTER INSERT ON articles_searchdocument BEGIN {insert} END""",
        f"""CREATE TRIGGER articles_searchdocument_ad
        AFTER DELETE ON articles_searchdocument BEGIN {delete} END""",
        f"""CREATE TRIGGER articles_searchdocument_au
        AFTER UPDATE ON articles_searchdocument BEGIN {delete} {insert} END""",
        "INSERT INTO articles_searchdocument_fts(articles_searchdocument_fts)"
        " VALUES ('rebuild')",
    ]


DROP = [
    "DROP TRIGGER IF EXISTS articles_searchdocument_ai",
    "DROP TRIGGER IF EXISTS articles_searchdocument_ad",
    "DROP TRIGGER IF EXISTS articles_searchdocument_au",
    "DROP TABLE IF EXISTS articles_searchdocument_fts",
]
WITH_LANGUAGE = DROP + _fts_sql(["language", "title", "summary", "body"])
WITHOUT_LANGUAGE = DROP + _fts_sql(["title", "summary", "body"])


POSTGRESQL_ADD = [
    "ALTER TABLE articles_searchdocument"
    " ADD COLUMN title_vector tsvector NOT NULL DEFAULT ''",
    """UPDATE articles_searchdocument SET title_vector = to_tsvector(
        (CASE language
            WHEN 'en' THEN 'english_unaccent'
            WHEN 'fr' THEN 'french_unaccent'
            ELSE 'simple_unaccent'
        END)::regconfig,
        title
    )""",
    "CREATE INDEX articles_searchdocument_title_vector ON articles_searchdocument"
    " USING gin (title_vector) WITH (fastupdate = off)",
    "ALTER INDEX articles_searchdocument_vector SET (fastupdate = off)",
    "SELECT gin_clean_pending_list('articles_searchdocument_vector')",
]
POSTGRESQL_DROP = [
    "ALTER INDEX articles_searchdocument_vector RESET (fastupdate)",
    "DROP INDEX IF EXISTS articles_searchdocument_title_vector",
    "ALTER TABLE articles_searchdocument DROP COLUMN IF EXISTS title_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_feedback"),
    ]

    operations = [
        migrations.RunPython(
            _run({"sqlite": WITH_LANGUAGE, "postgresql": POSTGRESQL_ADD}),
            _run({"sqlite": WITHOUT_LANGUAGE, "postgresql": POSTGRESQL_DROP}),
        ),
    ]
