# On PostgreSQL the index's rows keep their vectors only, not the texts they
# were made from (issue #15: narrow rows, fewer pages read per search).
# SQLite's FTS5 index reads the texts from these rows: they stay there.

from django.db import migrations


def drop_texts(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        apps.get_model("search", "SearchDocument").objects.exclude(
            title="", summary="", body=""
        ).update(title="", summary="", body="")


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0003_synonyms"),
    ]

    operations = [
        migrations.RunPython(drop_texts, migrations.RunPython.noop),
    ]
