"""PostgreSQL full-text search backend. The migrations 0002_search and
0004_search_speed create the `unaccent` extension, the text search
configurations named below (each a copy of PostgreSQL's own with unaccent
before its Snowball stemmer), and the `vector` (with its GIN index) and
`title_vector` columns of articles_searchdocument."""

from django.contrib.postgres.search import TrigramSimilarity
from django.db.models import Func, IntegerField, Value
from django.utils import timezone

from .analysis import WORD, is_stopword, singular_text, unaccent
from .related import NO_SIMILAR, NOT_YET_DUE, related_sql

DOCUMENT_TABLE = "articles_searchdocument"
# A language missing here is matched without accents and without stemming.
CONFIGURATIONS = {"en": "english_unaccent", "fr": "french_unaccent"}
FALLBACK_CONFIGURATION = "simple_unaccent"
# As on SQLite (sqlite.py): groups ranked by the words they match.
RANKED_GROUPS = 8


# Candidates for a typo's correction: the nearest by trigrams, at most.
TYPO_CANDIDATES = 20


class Levenshtein(Func):
    """fuzzystrmatch's edit distance (extension created by search's
    migration 0002_typo_tolerance)."""

    function = "levenshtein"
    output_field = IntegerField()


def configuration(language):
    return CONFIGURATIONS.get(language, FALLBACK_CONFIGURATION)


def _words(words):
    return " ".join(words)


def _part_text(part, language):
    words = singular_text(_words(part.words), language)
    return f'"{words}"' if len(part.words) > 1 else words


def websearch_texts(query, language):
    """Each group of the parsed query written back in web search syntax,
    French plurals made singular (what websearch_to_tsquery gets), the
    excluded parts likewise, and the query's words in order (the phrase)."""
    groups, excluded, in_order = [], [], []
    for group in query.groups:
        # Stop words are left out here as on SQLite: PostgreSQL's lists lack
        # their forms without accents ("a" for "à"), which every text has.
        positive = [part for part in group if not part.negated]
        wanted = [
            part
            for part in positive
            if not (len(part.words) == 1 and is_stopword(part.words[0], language))
        ]
        excluded += [part for part in group if part.negated]
        if wanted:
            groups.append(" or ".join(_part_text(part, language) for part in wanted))
        # The phrase keeps them: PostgreSQL counts their positions.
        if len(positive) == 1:
            in_order += positive[0].words
    return (
        groups[:RANKED_GROUPS],
        " ".join(_part_text(part, language) for part in excluded),
        singular_text(_words(in_order), language) if len(in_order) > 1 else "",
    )


class PostgreSQLBackend:
    def __init__(self, connection):
        self.connection = connection

    def insert(self, article_id, texts):
        """Index an article's texts, French plurals made singular, their words
        weighed (title A, summary B, body D) with each language's
        configuration; the title's words are also kept alone, to rank
        articles whose title matches first. Only the vectors are kept, not
        the texts (the article has them): a search reads the row of every
        article it finds, and narrow rows are fewer pages to read (10,000
        articles: 14 ms instead of 20 to rank the 3,885 with "facture")."""
        sql = f"""
            INSERT INTO {DOCUMENT_TABLE}
                (article_id, language, title, summary, body, title_vector, vector)
            SELECT %(article)s, %(language)s, '', '', '',
                to_tsvector(config, title),
                setweight(to_tsvector(config, title), 'A')
                    || setweight(to_tsvector(config, summary), 'B')
                    || setweight(to_tsvector(config, body), 'D')
            FROM (SELECT %(config)s::regconfig AS config,
                %(title)s AS title, %(summary)s AS summary, %(body)s AS body) AS text
        """  # noqa: S608 - only constants and placeholders are interpolated
        rows = [
            {
                "article": article_id,
                "language": text.language,
                "config": configuration(text.language),
                "title": singular_text(text.title, text.language),
                "summary": singular_text(text.summary, text.language),
                "body": singular_text(text.body, text.language),
            }
            for text in texts
        ]
        with self.connection.cursor() as cursor:
            cursor.executemany(sql, rows)

    def search(self, query, language, *, limit, offset, every_word=False):
        config = configuration(language)
        groups, excluded, phrase = websearch_texts(query, language)
        # One tsquery per group (q0, q1, ...): a match has any of them, and
        # ranks by how many it has, then by the phrase, the title, ts_rank.
        tsqueries = [
            f"websearch_to_tsquery(%s::regconfig, %s) AS q{index}"
            for index in range(len(groups))
        ]
        params = [item for text in groups for item in (config, text)]
        names = [f"query.q{index}" for index in range(len(groups))]
        # A match has any of the groups, or with `every_word` all of them
        # (&& and || leave out a group of stop words only, an empty tsquery).
        joined = " && ".join if every_word else " || ".join
        any_group = joined(names)
        if query.prefix:
            # The word being typed: as a whole word, or as the start of one.
            tsqueries.append(
                "(plainto_tsquery(%s::regconfig, %s) || to_tsquery('simple', %s))"
                " AS typed"
            )
            typed = unaccent(query.prefix.lower())
            params += [config, query.prefix, f"{typed}:*"]
            # ... and counts as one more word of the query.
            names.append("query.typed")
            any_group = joined(names)
        if excluded:
            tsqueries.append("websearch_to_tsquery(%s::regconfig, %s) AS excluded")
            params += [config, excluded]
            any_group = f"({any_group}) && !! query.excluded"
        tsqueries.append("phraseto_tsquery(%s::regconfig, %s) AS phrase")
        params += [config, phrase]
        # Every match has them all with `every_word`: nothing to count.
        counted = [] if every_word else names
        words = " + ".join(f"(d.vector @@ {name})::int" for name in counted) or "0"
        titles = " + ".join(f"(d.title_vector @@ {name})::int" for name in names) or "0"
        # Ranks are computed first, so that counting and sorting carry
        # small rows, not the vectors.
        sql = f"""
            WITH query AS MATERIALIZED (
                SELECT {", ".join(tsqueries)}
            ),
            matched AS MATERIALIZED (
                SELECT d.article_id, {words} AS words,
                    (numnode(query.phrase) > 0 AND d.vector @@ query.phrase) AS phrase,
                    {titles} AS titles,
                    ts_rank(d.vector, {any_group}) AS score
                FROM {DOCUMENT_TABLE} d, query
                WHERE d.language = %s AND d.vector @@ ({any_group})
                    AND d.article_id NOT IN ({NOT_YET_DUE})
            )
            SELECT article_id, count(*) OVER () FROM matched
            ORDER BY words DESC, phrase DESC, titles DESC, score DESC, article_id
            LIMIT %s OFFSET %s
        """  # noqa: S608 - only constants and placeholders are interpolated
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [*params, language, timezone.now(), limit, offset])
            rows = cursor.fetchall()
        return [row[0] for row in rows], rows[0][1] if rows else 0

    def typo_candidates(self, terms, word, allowed):
        """(word, documents) of the vocabulary that may lie within `allowed`
        typos of `word`, the most alike by trigrams first. Levenshtein
        counts a swap of two letters as two: one more is let through here
        and vocabulary.py checks the distance, swaps counting one."""
        return (
            terms.filter(length__range=(len(word) - allowed, len(word) + allowed))
            .annotate(distance=Levenshtein("word", Value(word)))
            .filter(distance__lte=allowed + 1)
            .annotate(similarity=TrigramSimilarity("word", Value(word)))
            .order_by("distance", "-similarity", "-documents")
            .values_list("word", "documents")[:TYPO_CANDIDATES]
        )

    def related(self, article, words, language, limit):
        """Ids of articles to read after `article`, best first (related.py);
        similar ones are those whose titles have the most of `words`."""
        # Letters and digits only: safe in to_tsquery's syntax as they are.
        found = list(
            dict.fromkeys(WORD.findall(singular_text(_words(words), language)))
        )
        if found:
            ctes = f"""
                alike AS (
                    SELECT d.article_id, -ts_rank(d.title_vector, q) AS score
                    FROM {DOCUMENT_TABLE} d, to_tsquery(%s::regconfig, %s) AS q
                    WHERE d.language = %s AND d.article_id <> %s
                        AND d.title_vector @@ q
                    ORDER BY score, d.article_id
                    LIMIT %s
                )
            """  # noqa: S608 - only constants are interpolated
            params = [
                configuration(language),
                " | ".join(found),
                language,
                article.pk,
                4 * limit,
            ]
        else:
            ctes, params = f"alike AS ({NO_SIMILAR})", []
        category = article.category_id
        params += [language, category, article.pk, limit, category, limit]
        with self.connection.cursor() as cursor:
            cursor.execute(related_sql(ctes), params)
            return [row[0] for row in cursor.fetchall()]
