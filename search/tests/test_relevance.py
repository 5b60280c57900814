"""The relevance suite: on a small realistic help center, each query must
put its article in the top 3, for at least 95 % of the queries, on
whichever database the suite runs on (CI: SQLite and PostgreSQL)."""

import pytest

from articles.models import Article
from articles.tests.helpers import make_category
from search import engine
from search.models import Synonym

from .relevance_corpus import ARTICLES, QUERIES, SYNONYMS

pytestmark = pytest.mark.django_db

REQUIRED_SHARE = 0.95


@pytest.fixture
def help_center():
    category = make_category()
    for position, (key, languages) in enumerate(ARTICLES.items()):
        fields = {
            f"{name}_{language}": text
            for language, texts in languages.items()
            for name, text in zip(("title", "summary", "body"), texts, strict=True)
        }
        Article.objects.create(
            key=key,
            category=category,
            position=position,
            status=Article.Status.PUBLISHED,
            **fields,
        )
    for language, sets in SYNONYMS.items():
        for terms in sets:
            Synonym.objects.create(language=language, terms=terms)


def test_the_corpus_has_forty_queries_in_both_languages():
    assert len(QUERIES) >= 40
    assert {language for language, _query, _key in QUERIES} == {"en", "fr"}
    assert {key for _language, _query, key in QUERIES} <= set(ARTICLES)


def test_at_least_95_percent_of_queries_find_their_article_in_the_top_3(
    help_center,
):
    missed = []
    for language, query, key in QUERIES:
        found = [hit.article.key for hit in engine.search(query, language).hits]
        if key not in found[:3]:
            missed.append((language, query, key, found[:3]))
    share = 1 - len(missed) / len(QUERIES)
    assert share >= REQUIRED_SHARE, missed
