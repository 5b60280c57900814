"""Articles saved before 0005_editorial have no translated edition: without
this step every existing translation would read as out of date. They were
current when the site was upgraded (nothing tracked otherwise), so each
translation an article has is taken to match its source edition."""

from django.db import migrations
from django.db.models import F, Q


def existing_translations_are_current(apps, schema_editor):
    # Historical models have no modeltranslation fields: use the columns.
    Article = apps.get_model("articles", "Article")
    prefix = "translated_edition_"
    codes = [
        field.name.removeprefix(prefix)
        for field in Article._meta.get_fields()
        if field.name.startswith(prefix)
    ]
    for code in codes:
        title = f"title_{code}"
        Article.objects.filter(**{f"{prefix}{code}__isnull": True}).exclude(
            Q(**{f"{title}__isnull": True}) | Q(**{title: ""})
        ).update(**{f"{prefix}{code}": F("source_edition")})


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0006_scheduled_articles_in_search"),
    ]

    operations = [
        migrations.RunPython(
            existing_translations_are_current, migrations.RunPython.noop
        ),
    ]
