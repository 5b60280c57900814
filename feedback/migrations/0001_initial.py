import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


APP = "feedback"
MODELS = ["feedback"]


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
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # The articles app made these tables (articles_*) and keeps nothing of
    # them (its migration 0008): this app takes them over as they are, and
    # their content types with them, so that permissions given to groups and
    # the admin's history still point to them.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Feedback',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('visitor', models.CharField(editable=False, max_length=64, verbose_name='visitor')),
                        ('language', models.CharField(choices=[('en', 'English'), ('fr', 'French')], max_length=10, verbose_name='language read')),
                        ('value', models.CharField(choices=[('yes', 'Yes'), ('no', 'No')], max_length=3, verbose_name='answer')),
                        ('reason', models.CharField(blank=True, choices=[('not_answered', "It didn't answer my question"), ('unclear', "It's hard to understand"), ('inaccurate', "It's inaccurate or out of date"), ('missing', 'Some information is missing'), ('broken', 'A link or image is broken'), ('other', 'Something else')], max_length=20, verbose_name='what went wrong')),
                        ('comment', models.TextField(blank=True, max_length=1000, verbose_name='comment')),
                        ('search_query', models.CharField(blank=True, max_length=200, verbose_name='search query')),
                        ('article_updated_at', models.DateTimeField(blank=True, help_text='The version of the text the visitor answered about.', null=True, verbose_name='text last updated')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='first answered')),
                        ('voted_at', models.DateTimeField(auto_now=True, db_index=True, verbose_name='answered')),
                        ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='feedback', to='articles.article', verbose_name='article')),
                        ('user', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'feedback',
                        'verbose_name_plural': 'feedback',
                        'db_table': 'articles_feedback',
                        'ordering': ['-voted_at', '-id'],
                        'indexes': [models.Index(fields=['article', 'language', 'value'], name='feedback_article_lang_value')],
                        'constraints': [models.UniqueConstraint(fields=('article', 'visitor'), name='unique_feedback_per_visitor'), models.CheckConstraint(condition=models.Q(('value__in', ['yes', 'no'])), name='feedback_value_yes_or_no'), models.CheckConstraint(condition=models.Q(('value', 'no'), models.Q(('comment', ''), ('reason', '')), _connector='OR'), name='feedback_details_only_after_no')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, migrations.RunPython.noop),
    ]
