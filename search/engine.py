"""Finding articles for a reader's query, in the reader's language.

`search()` is the one entry point for the search page; `suggest()` serves
suggestions as the reader types, `related_articles()` the end of each
article. Matching is done by the database's backend (backends/): the
same behaviour on SQLite and PostgreSQL, tested on both."""

import hashlib
from dataclasses import dataclass, field, replace
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connection
from django.db.models import Count, Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from articles.cache_tags import CONTENT
from articles.models import LANGUAGE_CODES, Article, Category
from helpcenter import page_cache
from helpcenter.text import one_line

from . import log, synonyms, vocabulary
from .backends import backend_for
from .backends.analysis import (
    WORD,
    highlight,
    opening,
    parse_query,
    snippet,
)
from .models import SearchDocument, SearchQuery, SearchTerm

# Longer queries are cut (the search boxes stop there too): enough for any
# question, and a bound on the work one request can ask of the database.
MAX_QUERY_LENGTH = SearchQuery.QUERY_MAX_LENGTH
PER_PAGE = 10
MAX_PAGE = 1000
SUGGESTIONS = 5
# Fewer results than this in the reader's language: say how many the other
# languages have.
FEW_RESULTS = 3
# Articles having some of the query's words are looked for only when fewer
# than this have all of them: those would come first anyway, and finding
# and ranking every article with any word costs a search several times as
# much (bench/README.md).
ENOUGH_WITH_EVERY_WORD = PER_PAGE
SUGGEST_MIN_LENGTH = 2
RELATED = 5
# Articles a search that found nothing offers instead are chosen among so
# many, in the order of the home page: a bound on the work such a page does.
FALLBACK_CANDIDATES = 100
# allauth rate limit actions, configured in ACCOUNT_RATE_LIMITS.
RATE_LIMIT_ACTION = "search"
SUGGEST_RATE_LIMIT_ACTION = "search_suggest"


def _listed_fields(language):
    """What a list of articles in `language` shows: titles and slugs in every
    language (for the fallback), this language's summary and text, the
    category. Articles are large; the rest is never read."""
    per_language = [
        f"{name}_{code}" for name in ("title", "slug") for code in LANGUAGE_CODES
    ]
    return [
        "key",
        "status",
        "category",
        *per_language,
        f"summary_{language}",
        f"search_text_{language}",
    ]


def normalise_query(text):
    """The query as searched, shown and logged: control characters removed,
    white space collapsed, at most MAX_QUERY_LENGTH characters."""
    return one_line(text, MAX_QUERY_LENGTH)


@dataclass
class Hit:
    article: Article
    title: str  # HTML: escaped, matched words in <mark>
    snippet: str  # HTML, likewise
    url: str  # the article, with ?q= so its page knows which search led there


@dataclass
class Elsewhere:
    """How many articles the same search finds in another language."""

    language: str  # its code
    name: str  # its name, in the reader's language
    total: int
    url: str  # that search, in that language


@dataclass
class Results:
    query: str  # as typed
    language: str
    hits: list
    total: int
    page: Page  # this page of `total` results, for the links to the others
    corrected: str = ""  # the query searched instead, its typos corrected
    elsewhere: list = field(default_factory=list)  # of Elsewhere

    @property
    def corrected_query(self):
        """The query string of a search for the corrected query."""
        return urlencode({"q": self.corrected})

    @property
    def exact_query(self):
        """The query string of a search for the query as typed, uncorrected."""
        return urlencode({"q": self.query, "exact": "1"})


def _page_number(value):
    text = str(value)
    if not text.isdecimal() or len(text) > len(str(MAX_PAGE)):
        raise PageNotAnInteger(_("That page number is not a whole number."))
    number = int(text)
    if not 1 <= number <= MAX_PAGE:
        raise EmptyPage(_("That page contains no results."))
    return number


def _published_in_order(ids, language):
    articles = (
        Article.objects.published()
        .select_related("category")
        .only(*_listed_fields(language))
        .in_bulk(ids)
    )
    return [articles[pk] for pk in ids if pk in articles]


def logged_form(query):
    """How a query is logged and passed on to the article (?q=)."""
    return query.lower()


def _hit(article, wanted, language, query):
    text = getattr(article, f"search_text_{language}") or ""
    summary = getattr(article, f"summary_{language}") or ""
    found = snippet(text, wanted, language) or snippet(summary, wanted, language)
    return Hit(
        article=article,
        title=highlight(getattr(article, f"title_{language}"), wanted, language),
        snippet=found or highlight(summary, wanted, language) or opening(text),
        url=f"{article.get_absolute_url()}?{urlencode({'q': logged_form(query)})}",
    )


def _typed_words(parsed):
    return [word for part in parsed.positive_parts() for word in part.words]


def _corrected(query, parsed, language, backend, sets):
    """The query with its typos corrected (vocabulary.py), or "" if none;
    and the words (plain) no article of `language` has, nor any near them.
    Words of synonyms are no typos, even if no article has them."""
    found, absent = vocabulary.corrections(
        _typed_words(parsed),
        language,
        backend,
        SearchTerm.objects.using(backend.connection.alias).filter(language=language),
        prefix=parsed.prefix,
        keep=synonyms.words_in(sets),
    )
    if absent and not _vocabulary_complete(language, backend):
        absent = set()
    return (vocabulary.corrected_text(query, found) if found else ""), absent


def _vocabulary_complete(language, backend):
    """Whether every document of `language` is in the vocabulary: not so
    after an upgrade, until `render_articles` indexes the articles again
    (their words are not known to be absent then). Kept in the cache until
    an article changes."""
    documents = SearchDocument.objects.using(backend.connection.alias)
    return page_cache.fragment(
        f"vocabulary-complete:{language}",
        [CONTENT],
        lambda: not documents.filter(language=language, words=None).exists(),
    )


def _findable(parsed, absent):
    """`parsed` without what no article has: a part with an `absent` word
    matches nothing, nor does a group of such parts (the words matched by
    each article, hence its rank, stay the same without them); None when
    nothing is left to look for. It spares the database looking for every
    word when one of them is in no article."""
    if not absent:
        return parsed
    groups = []
    for group in parsed.groups:
        kept = [
            part
            for part in group
            if part.negated or not absent & {vocabulary.plain(w) for w in part.words}
        ]
        if any(not part.negated for part in kept) or all(p.negated for p in group):
            groups.append(kept)
    if not parsed.prefix and not any(
        not part.negated for group in groups for part in group
    ):
        return None
    return replace(parsed, groups=groups)


def _searched_groups(parsed):
    return [
        group for group in parsed.groups if any(not part.negated for part in group)
    ] + ([parsed.prefix] if parsed.prefix else [])


def _matching(backend, parsed, language, *, limit, offset, absent=frozenset()):
    """Ids of one page of the articles matching `parsed`, best first, and
    how many match: those with every word (but the `absent` ones), and when
    they are few, also those with some of the words, ranked below them."""
    parsed = _findable(parsed, absent)
    if parsed is None or parsed.is_empty(language):
        return [], 0
    ids, total = backend.search(
        parsed, language, limit=limit, offset=offset, every_word=True
    )
    if total >= ENOUGH_WITH_EVERY_WORD or len(_searched_groups(parsed)) < 2:
        return ids, total
    return backend.search(parsed, language, limit=limit, offset=offset)


def _elsewhere(query, language, backend):
    """The other languages where `query` (typos corrected there) finds
    articles, with how many."""
    found = []
    for code, name in settings.LANGUAGES:
        if code == language:
            continue
        parsed = parse_query(query)
        sets = synonyms.sets_for(code)
        corrected, absent = _corrected(query, parsed, code, backend, sets)
        parsed = synonyms.expand(parse_query(corrected or query), sets)
        if parsed.is_empty(code):
            continue
        _ids, total = _matching(backend, parsed, code, limit=1, offset=0, absent=absent)
        if total:
            with translation.override(code):
                url = reverse("search:search")
            found.append(
                Elsewhere(code, _(name), total, f"{url}?{urlencode({'q': query})}")
            )
    return found


def search(query, language, page=1, per_page=PER_PAGE, *, exact=False):
    """Published articles translated into `language` that match `query`,
    best first, one page of them; with its typos corrected unless `exact`.
    Raises InvalidPage for a page number that is not a whole number or lies
    past the last page."""
    query = normalise_query(query)
    page = _page_number(page)
    parsed = parse_query(query)
    ids, total, corrected, absent = [], 0, "", set()
    backend = backend_for(connection)
    sets = synonyms.sets_for(language)
    if not exact:
        corrected, absent = _corrected(query, parsed, language, backend, sets)
        if corrected:
            parsed = parse_query(corrected)
    parsed = synonyms.expand(parsed, sets)
    if not parsed.is_empty(language):
        ids, total = _matching(
            backend,
            parsed,
            language,
            limit=per_page,
            offset=(page - 1) * per_page,
            absent=absent,
        )
    # Past the last page: EmptyPage.
    page = Paginator(range(total), per_page).page(page)
    wanted = parsed.highlight_terms(language)
    hits = [
        _hit(article, wanted, language, corrected or query)
        for article in _published_in_order(ids, language)
    ]
    elsewhere = _elsewhere(query, language, backend) if total < FEW_RESULTS else []
    return Results(query, language, hits, total, page, corrected, elsewhere)


def shared_search(query, language, page=1, *, exact=False):
    """`search()`, kept in the cache like pages are, until an article, a
    category or a synonym changes: everyone asking the same gets the same."""
    query = normalise_query(query)
    page = _page_number(page)
    digest = hashlib.sha256(query.encode()).hexdigest()
    return page_cache.fragment(
        f"search:{language}:{int(exact)}:{page}:{digest}",
        [CONTENT, synonyms.SYNONYMS],
        lambda: search(query, language, page, exact=exact),
    )


def record(results):
    """Log a search for editors (in batches: log.py): the first page only,
    so that paging through results counts as one search."""
    if results.query and results.page.number == 1:
        log.add(
            query=logged_form(results.query),
            language=results.language,
            results=results.total,
            corrected=logged_form(results.corrected),
        )


def suggest(query, language, limit=SUGGESTIONS):
    """Titles and URLs of articles for a query still being typed."""
    query = normalise_query(query)
    parsed = parse_query(query, prefix=True)
    if len(query) < SUGGEST_MIN_LENGTH or parsed.is_empty(language):
        return []
    backend = backend_for(connection)
    sets = synonyms.sets_for(language)
    corrected, absent = _corrected(query, parsed, language, backend, sets)
    if corrected:
        parsed = parse_query(corrected, prefix=True)
    parsed = synonyms.expand(parsed, sets)
    ids, _total = _matching(
        backend, parsed, language, limit=limit, offset=0, absent=absent
    )
    return [
        {
            "title": getattr(article, f"title_{language}"),
            "url": article.get_absolute_url(),
        }
        for article in _published_in_order(ids, language)
    ]


def related_articles(article, language, limit=RELATED):
    """Published articles to read next, in `language`: those of the same
    category first, then the others whose titles share words with this
    one's; the most similar first, then in the category's order."""
    ids = backend_for(connection).related(
        article,
        WORD.findall(getattr(article, f"title_{language}") or ""),
        language,
        limit,
    )
    return _published_in_order(ids, language)


def fallback_candidates(language, limit=FALLBACK_CANDIDATES):
    """Published articles in `language`, as the home page lists them, for a
    search that found nothing: the most helpful of them are shown."""
    articles = (
        Article.objects.published()
        .exclude(**{f"title_{language}": ""})
        .exclude(**{f"title_{language}__isnull": True})
        .select_related("category")
        .only(*_listed_fields(language))
        .order_by("position", "pk")
    )
    # Category by category, through the index on the category: ordered
    # across categories, the whole table is read and sorted (90 ms at
    # 10,000 articles on SQLite, whose rows hold the articles' texts).
    found = []
    for category in Category.objects.order_by("position", "pk").only("pk"):
        found += articles.filter(category=category)[: limit - len(found)]
        if len(found) >= limit:
            break
    return found


# The editors' report (admin.py) and the content-health page's section.

REPORT_ROWS = 50
HEALTH_ROWS = 20
HEALTH_SEARCH_DAYS = 30


def search_report(*, language=None, days=None, zero_results=False):
    """The most frequent searches, with how often each was made, when last,
    and the most articles it found; only those that found none with
    `zero_results`; and what it was corrected to, if it was."""
    searches = SearchQuery.objects.all()
    if language:
        searches = searches.filter(language=language)
    if days:
        searches = searches.filter(searched_at__gte=timezone.now() - timedelta(days))
    if zero_results:
        searches = searches.filter(results=0)
    return list(
        searches.values("query", "language")
        .annotate(
            searches=Count("id"),
            last_searched=Max("searched_at"),
            most_results=Max("results"),
            corrected=Max("corrected"),
        )
        .order_by("-searches", "-last_searched", "query")[:REPORT_ROWS]
    )


def fruitless_searches_section():
    """The content-health page's section (articles/editorial.py): recent
    searches that found nothing, an article to write."""
    return {
        "zero_result_searches": search_report(
            days=HEALTH_SEARCH_DAYS, zero_results=True
        )[:HEALTH_ROWS],
        "search_days": HEALTH_SEARCH_DAYS,
    }
