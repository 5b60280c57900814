"""Small builders for tests: real rows in the real database, no fixtures."""

import itertools

from django.conf import settings

from articles import page_cache
from articles.models import Article, Category, Feedback

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


def answers(article, language="en", yes=0, no=0, **fields):
    """`yes` then `no` votes from new visitors; `fields` go on the no votes."""
    start = Feedback.objects.count()
    Feedback.objects.bulk_create(
        Feedback(
            article=article,
            visitor=f"visitor-{start + number}",
            language=language,
            value="yes" if number < yes else "no",
            **(fields if number >= yes else {}),
        )
        for number in range(yes + no)
    )
    page_cache.votes_changed(article.pk)  # as votes do (bulk_create sends no signal)


def database_queries(captured):
    """The queries that are not the cache's (a table in the embedded setup)."""
    cache_table = settings.CACHES["default"].get("LOCATION", "")
    return [
        query["sql"]
        for query in captured.captured_queries
        if cache_table not in query["sql"] and "SAVEPOINT" not in query["sql"]
    ]
