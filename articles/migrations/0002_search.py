# Search (issue #6): the per-language plain text of articles, the documents
# the full-text index is built from, the index itself (vendor-specific, so
# in SQL below), and the log of readers' searches.

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

SQLITE_CREATE = [
    # External content: the words are stored once, in articles_searchdocument.
    """CREATE VIRTUAL TABLE articles_searchdocument_fts USING fts5(
        title, summary, body,
        content='articles_searchdocument', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER articles_searchdocument_ai AFTER INSERT ON articles_searchdocument
    BEGIN
        INSERT INTO articles_searchdocument_fts(rowid, title, summary, body)
        VALUES (new.id, new.title, new.summary, new.body);
    END""",
    """CREATE TRIGGER articles_searchdocument_ad AFTER DELETE ON articles_searchdocument
    BEGIN
        INSERT INTO articles_searchdocument_fts(
            articles_searchdocument_fts, rowid, title, summary, body
        ) VALUES ('delete', old.id, old.title, old.summary, old.body);
    END""",
    """CREATE TRIGGER articles_searchdocument_au AFTER UPDATE ON articles_searchdocument
    BEGIN
        INSERT INTO articles_searchdocument_fts(
            articles_searchdocument_fts, rowid, title, summary, body
        ) VALUES ('delete', old.id, old.title, old.summary, old.body);
        INSERT INTO articles_searchdocument_fts(rowid, title, summary, body)
        VALUES (new.id, new.title, new.summary, new.body);
    END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS articles_searchdocument_ai",
    "DROP TRIGGER IF EXISTS articles_searchdocument_ad",
    "DROP TRIGGER IF EXISTS articles_searchdocument_au",
    "DROP TABLE IF EXISTS articles_searchdocument_fts",
]

# name: (configuration copied, its Snowball dictionary)
POSTGRESQL_CONFIGURATIONS = {
    "english_unaccent": ("english", "english_stem"),
    "french_unaccent": ("french", "french_stem"),
    "simple_unaccent": ("simple", "simple"),
}
POSTGRESQL_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    # CREATE TEXT SEARCH CONFIGURATION has no IF NOT EXISTS.
    *(
        f"""DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{name}') THEN
                CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {source});
                ALTER TEXT SEARCH CONFIGURATION {name}
                    ALTER MAPPING FOR hword, hword_part, word
                    WITH unaccent, {dictionary};
            END IF;
        END $$"""
        for name, (source, dictionary) in POSTGRESQL_CONFIGURATIONS.items()
    ),
    "ALTER TABLE articles_searchdocument"
    " ADD COLUMN vector tsvector NOT NULL DEFAULT ''",
    "CREATE INDEX articles_searchdocument_vector"
    " ON articles_searchdocument USING gin (vector)",
]
POSTGRESQL_DROP = [
    "DROP INDEX IF EXISTS articles_searchdocument_vector",
    "ALTER TABLE articles_searchdocument DROP COLUMN IF EXISTS vector",
    *(
        f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}"
        for name in POSTGRESQL_CONFIGURATIONS
    ),
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='search_text',
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name='article',
            name='search_text_en',
            field=models.TextField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='article',
            name='search_text_fr',
            field=models.TextField(blank=True, editable=False, null=True),
        ),
        migrations.CreateModel(
            name='SearchQuery',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('query', models.CharField(max_length=200, verbose_name='query')),
                ('language', models.CharField(max_length=10, verbose_name='language')),
                ('results', models.PositiveIntegerField(verbose_name='results')),
                ('searched_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='searched at')),
            ],
            options={
                'verbose_name': 'search',
                'verbose_name_plural': 'searches',
                'ordering': ['-searched_at', '-id'],
                'indexes': [models.Index(fields=['searched_at', 'language'], name='searchquery_when_language')],
            },
        ),
        migrations.CreateModel(
            name='SearchDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(max_length=10)),
                ('title', models.TextField(blank=True)),
                ('summary', models.TextField(blank=True)),
                ('body', models.TextField(blank=True)),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='search_documents', to='articles.article')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('article', 'language'), name='unique_search_document')],
            },
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRESQL_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP}),
        ),
    ]
