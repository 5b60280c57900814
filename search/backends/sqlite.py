"""SQLite FTS5 backend: terms are analysed in Python (analysis.py), then
stored in articles_searchdocument; the FTS5 table over it (language, title,
summary, body) and the triggers keeping them in sync are created by the
migrations 0002_search and 0004_search_speed."""

from dataclasses import dataclass

from django.db.models import Q
from django.db.models.functions import Substr
from django.utils import timezone

from .analysis import term, terms, unaccent
from .related import NO_SIMILAR, NOT_YET_DUE, related_sql

FTS_TABLE = "articles_searchdocument_fts"
DOCUMENT_TABLE = "articles_searchdocument"
# bm25 column weights: language (a filter, not a relevance signal), title,
# summary, body.
_WEIGHTS = "0.0, 10.0, 4.0, 1.0"
# Groups past these count towards matching but not towards the ranking by
# words matched: each costs one more look-up in the index.
RANKED_GROUPS = 8


def _phrase(words):
    # Terms are letters and digits only, so they never hold a double quote.
    return '"' + " ".join(words) + '"'


def _alternatives(items):
    return items[0] if len(items) == 1 else "(" + " OR ".join(items) + ")"


def _in_language(expression, language):
    return f"language : {_phrase([language])} AND ({expression})"


def _terms_of(part, language):
    return [found for word in part.words if (found := term(word, language))]


@dataclass
class Plan:
    """The FTS5 expressions for a parsed query."""

    groups: list  # one per group of the query: matches when one part does
    required: str  # what every match has: one of the groups at least
    every: str  # what a match with every group has
    phrase: str | None  # the query's words together, when there are several


def compile_query(query, language):
    """The FTS5 plan for a parsed query, or None if nothing is left."""
    groups, excluded, in_order = [], [], []
    for group in query.groups:
        parts = [
            (part.negated, found)
            for part in group
            if (found := _terms_of(part, language))
        ]
        excluded += [_phrase(found) for negated, found in parts if negated]
        wanted = [found for negated, found in parts if not negated]
        if wanted:
            groups.append(_alternatives([_phrase(found) for found in wanted]))
            if len(wanted) == 1:
                in_order += wanted[0]
    if query.prefix:
        # The word being typed counts as one more word of the query.
        typed = unaccent(query.prefix.lower())
        stem = term(query.prefix, language)
        options = [f"{_phrase([typed])} *"]
        if stem and not stem.startswith(typed):
            options.append(_phrase([stem]))
        groups.append(_alternatives(options))
    if not groups:
        return None
    expression = _alternatives(groups)
    every = " AND ".join(groups)
    for phrase in excluded:
        expression = f"({expression}) NOT {phrase}"
        every = f"({every}) NOT {phrase}"
    phrase = _phrase(in_order) if len(in_order) > 1 else None
    return Plan(groups[:RANKED_GROUPS], expression, every, phrase)


class SQLiteBackend:
    def __init__(self, connection):
        self.connection = connection

    def insert(self, article_id, texts):
        """Index an article's texts; the triggers update the FTS5 table."""
        rows = [
            (
                article_id,
                text.language,
                " ".join(terms(text.title, text.language)),
                " ".join(terms(text.summary, text.language)),
                " ".join(terms(text.body, text.language)),
            )
            for text in texts
        ]
        with self.connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {DOCUMENT_TABLE}"  # noqa: S608 - a constant
                " (article_id, language, title, summary, body)"
                " VALUES (%s, %s, %s, %s, %s)",
                rows,
            )

    def _ranked(self, sql, params):
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def search(self, query, language, *, limit, offset, every_word=False):
        plan = compile_query(query, language)
        if plan is None:
            return [], 0
        # bm25() only works next to its MATCH, hence the materialised step;
        # documents are joined for their article only once the page is cut.
        # Each group, the phrase and the title are looked up once each; the
        # groups not at all when every match has all of them.
        found = f"IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"  # noqa: S608
        in_title = f"IN (SELECT rowid FROM {FTS_TABLE} WHERE title MATCH %s)"  # noqa: S608
        counted = [] if every_word else plan.groups
        words = " + ".join(f"(id {found})" for _group in counted) or "0"
        titles = " + ".join(f"(id {in_title})" for _group in plan.groups) or "0"
        phrase = f"id {found}" if plan.phrase else "0"
        sql = f"""
            WITH matched AS MATERIALIZED (
                SELECT rowid AS id, bm25({FTS_TABLE}, {_WEIGHTS}) AS score
                FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s
            ),
            page AS (
                SELECT id, score, count(*) OVER () AS total,
                    {words} AS words, {phrase} AS phrase, {titles} AS titles
                FROM matched
                WHERE id NOT IN (
                    SELECT id FROM {DOCUMENT_TABLE}
                    WHERE article_id IN ({NOT_YET_DUE})
                )
                ORDER BY words DESC, phrase DESC, titles DESC, score, id
                LIMIT %s OFFSET %s
            )
            SELECT d.article_id, page.total
            FROM page JOIN {DOCUMENT_TABLE} d ON d.id = page.id
            ORDER BY page.words DESC, page.phrase DESC, page.titles DESC,
                page.score, page.id
        """  # noqa: S608 - only constants are interpolated
        params = [
            _in_language(plan.every if every_word else plan.required, language),
            *counted,
            *([plan.phrase] if plan.phrase else []),
            *plan.groups,
            timezone.now(),
            limit,
            offset,
        ]
        rows = self._ranked(sql, params)
        return [row[0] for row in rows], rows[0][1] if rows else 0

    def typo_candidates(self, terms, word, allowed):
        """(word, documents) of the vocabulary that may lie within `allowed`
        typos of `word`: of a length within reach, starting with one of its
        first two letters or having one of them second (a typo in each of
        the first two letters is rare). Found through the (language, length)
        index; vocabulary.py checks the distance."""
        starts = {word[:1], word[1:2]}
        return (
            terms.filter(length__range=(len(word) - allowed, len(word) + allowed))
            .annotate(first=Substr("word", 1, 1), second=Substr("word", 2, 1))
            .filter(Q(first__in=starts) | Q(second__in=starts))
            .values_list("word", "documents")
        )

    def related(self, article, words, language, limit):
        """Ids of articles to read after `article`, best first (related.py);
        similar ones are those whose titles have the most of `words`."""
        found = list(dict.fromkeys(terms(" ".join(words), language)))
        if found:
            titles = "title : (" + " OR ".join(_phrase([item]) for item in found) + ")"
            # bm25() only works next to its MATCH, hence the materialised step.
            ctes = f"""
                matched AS MATERIALIZED (
                    SELECT rowid AS id, bm25({FTS_TABLE}, {_WEIGHTS}) AS score
                    FROM {FTS_TABLE}
                    WHERE {FTS_TABLE} MATCH %s AND rowid NOT IN (
                        SELECT id FROM {DOCUMENT_TABLE} WHERE article_id = %s
                    )
                    ORDER BY score, id
                    LIMIT %s
                ),
                alike AS (
                    SELECT d.article_id, matched.score
                    FROM matched JOIN {DOCUMENT_TABLE} d ON d.id = matched.id
                )
            """  # noqa: S608 - only constants are interpolated
            params = [_in_language(titles, language), article.pk, 4 * limit]
        else:
            ctes, params = f"alike AS ({NO_SIMILAR})", []
        sql = related_sql(ctes)
        category = article.category_id
        params += [language, category, article.pk, limit, category, limit]
        return [row[0] for row in self._ranked(sql, params)]
