"""Backups: `dumpdata` / `loaddata` and `export_articles` / `import_articles`
bring articles, translations, versions and votes back into an empty database."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from reversion.models import Version

from articles.models import Article
from feedback.models import Feedback
from search import engine

# The flush empties the database between backup and restore.
pytestmark = pytest.mark.django_db(transaction=True)

NOT_BACKED_UP = [
    "contenttypes",  # made again by migrate, and referred to by natural keys
    "auth.permission",
    "sessions",
    "django_tasks_database",  # a queue, not data
]


def state():
    return {
        "articles": list(
            Article.objects.order_by("key").values(
                "key", "status", "title_en", "title_fr", "body_fr", "body_html_fr"
            )
        ),
        "versions": sorted(
            (version.object_repr, version.field_dict["title_fr"])
            for version in Version.objects.get_for_model(Article)
        ),
        "votes": list(Feedback.objects.order_by("visitor").values("visitor", "value")),
        "users": list(get_user_model().objects.values_list("username", flat=True)),
    }


def test_dumpdata_and_loaddata_restore_everything_into_an_empty_database(tmp_path):
    call_command("load_demo")
    article = Article.objects.get(key="login-troubleshooting")
    reader = get_user_model().objects.create_user("reader", password="x" * 12)
    Feedback.objects.create(
        article=article, visitor="anon-1", value="yes", language="fr"
    )
    Feedback.objects.create(
        article=article,
        visitor=f"user:{reader.pk}",
        user=reader,
        value="no",
        language="en",
    )
    before = state()
    backup = tmp_path / "backup.json"
    call_command(
        "dumpdata",
        "--natural-foreign",
        "--natural-primary",
        *[option for app in NOT_BACKED_UP for option in ("--exclude", app)],
        "--output",
        str(backup),
        verbosity=0,
    )

    call_command("flush", "--noinput", verbosity=0)
    assert Article.objects.count() == 0
    call_command("loaddata", str(backup), verbosity=0)

    assert state() == before
    # The search index is derived data: rebuilt, not restored (README).
    call_command("render_articles", verbosity=0)
    found = engine.search("mot de passe oublié", "fr")
    assert any(hit.article.key == "login-troubleshooting" for hit in found.hits)
