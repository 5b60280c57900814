import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


APP = "search"
MODELS = ["searchquery", "searchdocument"]


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label=APP, model=model).exists():
            ContentType.objects.filter(app_label="articles", model=model).update(
                app_label=APP
            )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('articles', '0008_feedback_and_search_move_to_their_apps'),
    ]

    # The articles app made these tables (articles_*) and keeps nothing of
    # them (its migration 0008): this app takes them over as they are, and
    # their content types with them, so that permissions given to groups and
    # the admin's history still point to them.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
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
                        'db_table': 'articles_searchquery',
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
                        'db_table': 'articles_searchdocument',
                        'constraints': [models.UniqueConstraint(fields=('article', 'language'), name='unique_search_document')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, migrations.RunPython.noop),
    ]
