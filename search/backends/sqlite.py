"""SQLite FTS5 backend: terms are analysed in Python (analysis.py), then
stored in articles_searchdocument; the FTS5 table over it (language, title,
summary, body) and the triggers keeping them in sync are created by the
migrations 0002_search and 0004_search_speed."""

from django.utils import timezone

from .analysis import term, terms, unaccent
from .related import NO_SIMILAR, NOT_YET_DUE, related_sql

FTS_TABLE = "articles_searchdocument_fts"
DOCUMENT_TABLE = "articles_searchdocument"
# bm25 column weights: language (a filter, not a relevance signal), title,
# summary, body.
_WEIGHTS = "0.0, 10.0, 4.0, 1.0"


def _phrase(words):
    # Terms are letters and digits only, so they never hold a double quote.
    return '"' + " ".join(words) + '"'


def _alternatives(items):
    return items[0] if len(items) == 1 else "(" + " OR ".join(items) + ")"


def _in_language(expression, language):
    return f"language : {_phrase([language])} AND ({expression})"


def _terms_of(part, language):
    return [found for word in part.words if (found := term(word, language))]


def compile_query(query, language):
    """The FTS5 expression for a parsed query, or None if nothing is left."""
    required, excluded = [], []
    for group in query.groups:
        parts = [
            (part.negated, _phrase(found))
            for part in group
            if (found := _terms_of(part, language))
        ]
        for negated, phrase in parts:
            if negated:
                excluded.append(phrase)
        wanted = [phrase for negated, phrase in parts if not negated]
        if wanted:
            required.append(_alternatives(wanted))
    if query.prefix:
        typed = unaccent(query.prefix.lower())
        stem = term(query.prefix, language)
        options = [f"{_phrase([typed])} *"]
        if stem and not stem.startswith(typed):
            options.append(_phrase([stem]))
        required.append(_alternatives(options))
    if not required:
        return None
    expression = " AND ".join(required)
    for phrase in excluded:
        expression = f"({expression}) NOT {phrase}"
    return expression


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

    def search(self, query, language, *, limit, offset):
        expression = compile_query(query, language)
        if expression is None:
            return [], 0
        # bm25() only works next to its MATCH, hence the materialised step;
        # documents are joined for their article only once the page is cut.
        sql = f"""
            WITH matched AS MATERIALIZED (
                SELECT rowid AS id, bm25({FTS_TABLE}, {_WEIGHTS}) AS score
                FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s
            ),
            page AS (
                SELECT id, score, count(*) OVER () AS total,
                    id IN (SELECT rowid FROM {FTS_TABLE} WHERE title MATCH %s)
                        AS in_title
                FROM matched
                WHERE id NOT IN (
                    SELECT id FROM {DOCUMENT_TABLE}
                    WHERE article_id IN ({NOT_YET_DUE})
                )
                ORDER BY in_title DESC, score, id
                LIMIT %s OFFSET %s
            )
            SELECT d.article_id, page.total
            FROM page JOIN {DOCUMENT_TABLE} d ON d.id = page.id
            ORDER BY page.in_title DESC, page.score, page.id
        """  # noqa: S608 - only constants are interpolated
        params = [
            _in_language(expression, language),
            expression,
            timezone.now(),
            limit,
            offset,
        ]
        rows = self._ranked(sql, params)
        return [row[0] for row in rows], rows[0][1] if rows else 0

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
