import re

import django.core.validators
from django.conf import settings
from django.db import migrations, models

LANGUAGES = [code for code, _name in settings.LANGUAGES]
TEXT_FIELDS = {
    "article": ("title", "summary", "body"),
    "category": ("title", "description"),
}
VALID_KEY = re.compile(r"\A[a-z0-9][a-z0-9_-]*\Z")


def newlines_as_lf(apps, schema_editor):
    """Text saved from the admin kept the browser's CRLF line breaks; files
    and the shell write LF. Only the source text changes (update(): no new
    edition, nothing to render again: Markdown reads both alike)."""
    for model_name, names in TEXT_FIELDS.items():
        model = apps.get_model("articles", model_name)
        fields = [f"{name}_{code}" for name in names for code in LANGUAGES]
        for row in model.objects.values("pk", *fields):
            changed = {
                field: row[field].replace("\r\n", "\n").replace("\r", "\n")
                for field in fields
                if row[field] and "\r" in row[field]
            }
            if changed:
                model.objects.filter(pk=row["pk"]).update(**changed)


def valid_key(key, taken):
    """`key` as content files accept it, unlike any of `taken`."""
    base = re.sub(r"[^a-z0-9_-]", "-", key.lower()).lstrip("_-") or "key"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def keys_as_files_want_them(apps, schema_editor):
    """Keys the files' names refuse (capitals, a leading - or _) are made
    valid; `article:<old key>` links in every article follow."""
    for model_name in ("category", "article"):
        model = apps.get_model("articles", model_name)
        taken = set(model.objects.values_list("key", flat=True))
        renamed = {}
        for pk, key in model.objects.values_list("pk", "key"):
            if not VALID_KEY.match(key):
                taken.discard(key)
                renamed[key] = valid_key(key, taken)
                taken.add(renamed[key])
                model.objects.filter(pk=pk).update(key=renamed[key])
        if model_name == "article" and renamed:
            _follow_links(model, renamed)


def _follow_links(Article, renamed):
    link = re.compile(
        r"article:(" + "|".join(re.escape(key) for key in renamed) + r")(?=[\s)\"']|$)"
    )
    bodies = [f"body_{code}" for code in LANGUAGES]
    for row in Article.objects.values("pk", *bodies):
        changed = {
            body: link.sub(lambda match: f"article:{renamed[match[1]]}", row[body])
            for body in bodies
            if row[body] and link.search(row[body])
        }
        if changed:
            Article.objects.filter(pk=row["pk"]).update(**changed)


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0008_feedback_and_search_move_to_their_apps'),
    ]

    operations = [
        migrations.RunPython(newlines_as_lf, migrations.RunPython.noop),
        migrations.RunPython(keys_as_files_want_them, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='article',
            name='key',
            field=models.SlugField(help_text='Stable identifier shared by all translations.', max_length=100, unique=True, validators=[django.core.validators.RegexValidator('\\A[a-z0-9][a-z0-9_-]*\\Z', 'Use lower-case letters, digits, hyphens and underscores, starting with a letter or a digit.')], verbose_name='key'),
        ),
        migrations.AlterField(
            model_name='category',
            name='key',
            field=models.SlugField(help_text='Stable identifier shared by all languages.', max_length=100, unique=True, validators=[django.core.validators.RegexValidator('\\A[a-z0-9][a-z0-9_-]*\\Z', 'Use lower-case letters, digits, hyphens and underscores, starting with a letter or a digit.')], verbose_name='key'),
        ),
    ]
