"""Small builders for tests: real rows in the real database, no fixtures."""

import itertools

from django.conf import settings

from articles.models import Article, Category

_sequence = itertools.count(1)


def make_category(**fields):
    number = next(_sequence)
    values = {
        "key": f"category-{number}",
        "title_en": f"Category {number}",
        "title_fr": f"Catégorie {number}",
        "position": number,
    }
    values.update(fields)
    return Category.objects.create(**values)


def make_article(category=None, **fields):
    number = next(_sequence)
    values = {
        "key": f"article-{number}",
        "category": category or make_category(),
        "status": Article.Status.PUBLISHED,
        "position": number,
        "title_en": f"Article {number}",
        "summary_en": f"Summary {number}",
        "body_en": f"Intro {number}.\n\n## First part\n\nText.\n\n## Next\n\nMore.",
        "title_fr": f"Article {number} en français",
        "summary_fr": f"Résumé {number}",
        "body_fr": f"Intro {number}.\n\n## Début\n\nTexte.\n\n## Suite\n\nPlus.",
    }
    values.update(fields)
    return Article.objects.create(**values)


def database_queries(captured):
    """The queries that are not the cache's (a table in the embedded setup)."""
    cache_table = settings.CACHES["default"].get("LOCATION", "")
    return [
        query["sql"]
        for query in captured.captured_queries
        if cache_table not in query["sql"] and "SAVEPOINT" not in query["sql"]
    ]
