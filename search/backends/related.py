"""Related articles, in SQL both backends share: up to `limit` articles of
the same category (in its order) and the articles whose titles are most
like this one's (found by the backend's index), same category first, then
the most similar. Only articles in the index, so published (or scheduled:
see NOT_YET_DUE) and translated into the language, in one query; and the
articles not yet due, which searches leave out."""

DOCUMENT_TABLE = "articles_searchdocument"
ARTICLE_TABLE = "articles_article"
# Articles the index holds but readers cannot see yet: scheduled for later.
# Its parameter: now.
NOT_YET_DUE = f"SELECT id FROM {ARTICLE_TABLE} WHERE publish_at > %s"  # noqa: S608
NO_SIMILAR = (
    f"SELECT article_id, CAST(0 AS REAL) AS score FROM {DOCUMENT_TABLE} WHERE 1 = 0"  # noqa: S608
)


def related_sql(alike_ctes):
    """The query around the backend's CTEs, which end with `alike`
    (article_id, score: lower is more similar). Its parameters, after the
    CTEs': language, category, article, limit, category, limit."""
    return f"""
        WITH {alike_ctes},
        neighbours AS (
            SELECT d.article_id, CAST(NULL AS REAL) AS score
            FROM {DOCUMENT_TABLE} d JOIN {ARTICLE_TABLE} a ON a.id = d.article_id
            WHERE d.language = %s AND a.category_id = %s AND d.article_id <> %s
            ORDER BY a.position, a.id
            LIMIT %s
        ),
        candidates AS (
            SELECT article_id, score FROM alike
            UNION ALL
            SELECT article_id, score FROM neighbours
        )
        SELECT c.article_id
        FROM candidates c JOIN {ARTICLE_TABLE} a ON a.id = c.article_id
        GROUP BY c.article_id, a.category_id, a.position
        ORDER BY a.category_id <> %s, min(c.score) IS NULL, min(c.score),
            a.position, c.article_id
        LIMIT %s
    """  # noqa: S608 - only constants are interpolated
