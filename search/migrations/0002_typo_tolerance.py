# Typo tolerance (issue #15): the vocabulary of the indexed articles per
# language, each document's own words, to count them down when it goes,
# and which searches were corrected.
# On PostgreSQL, fuzzystrmatch (levenshtein) and pg_trgm (similarity) find
# the candidates (both trusted extensions: the database owner may create
# them). Existing articles enter the vocabulary when saved again:
# `python manage.py render_articles`.

from django.contrib.postgres.operations import CreateExtension
from django.db import migrations, models


class CreateExtensionOnPostgreSQL(CreateExtension):
    """Django's, whose reverse asks pg_extension whatever the database: on
    SQLite, migrating back past this migration would fail."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0001_initial'),
    ]

    operations = [
        CreateExtensionOnPostgreSQL('pg_trgm'),
        CreateExtensionOnPostgreSQL('fuzzystrmatch'),
        # Nullable without a default: SQLite adds the column in place, keeping
        # the triggers of the full-text index on this table.
        migrations.AddField(
            model_name='searchdocument',
            name='words',
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='searchquery',
            name='corrected',
            field=models.CharField(blank=True, default='', max_length=200, verbose_name='corrected to'),
        ),
        migrations.CreateModel(
            name='SearchTerm',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(max_length=10)),
                ('word', models.CharField(max_length=100)),
                ('stem', models.CharField(max_length=100)),
                ('length', models.PositiveSmallIntegerField()),
                ('documents', models.PositiveIntegerField()),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('language', 'word'), name='unique_search_term')],
                'indexes': [
                    models.Index(fields=['language', 'stem'], name='searchterm_stem'),
                    models.Index(fields=['language', 'length'], name='searchterm_length'),
                ],
            },
        ),
    ]
