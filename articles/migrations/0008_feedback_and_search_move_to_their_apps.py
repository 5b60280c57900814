from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0007_translated_editions_of_existing_articles'),
    ]

    # Feedback and search have apps of their own (feedback/, search/), which
    # take these models over with their tables as they are: nothing changes
    # in the database.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='feedback',
                    name='article',
                ),
                migrations.RemoveField(
                    model_name='feedback',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='searchdocument',
                    name='article',
                ),
                migrations.DeleteModel(
                    name='SearchQuery',
                ),
                migrations.DeleteModel(
                    name='Feedback',
                ),
                migrations.DeleteModel(
                    name='SearchDocument',
                ),
            ],
            database_operations=[],
        ),
    ]
