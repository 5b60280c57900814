"""One full-text search backend per database vendor, behind one interface.

Both index the same rows, `SearchDocument` (articles_searchdocument): one per
published article per language it is translated into, written by
`SearchDocument.objects.sync()` whenever an article is saved and deleted
with it. What differs is how words are matched:

- SQLite (the embedded default): an FTS5 table over those rows, kept in sync
  by triggers. FTS5 stems English only (`porter`) and French not at all, so
  the words are analysed in Python (`analysis`) before they are stored and
  before they are looked up.
- PostgreSQL (production): a weighted `tsvector` column with a GIN index,
  built with a per-language text search configuration (`french_unaccent`,
  `english_unaccent`: unaccent, then Snowball) and queried with
  `websearch_to_tsquery`. Python only makes French plurals singular first.

Both answer with article ids, best first: articles whose title matches
before the others, then by relevance (FTS5's bm25, PostgreSQL's ts_rank)."""

from .analysis import Text
from .postgresql import PostgreSQLBackend
from .sqlite import SQLiteBackend

BACKENDS = {"sqlite": SQLiteBackend, "postgresql": PostgreSQLBackend}
__all__ = ["BACKENDS", "Text", "backend_for"]


def backend_for(connection):
    try:
        backend = BACKENDS[connection.vendor]
    except KeyError:
        raise NotImplementedError(
            f"No search backend for the {connection.vendor} database."
        ) from None
    return backend(connection)
