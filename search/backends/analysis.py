"""How words are compared, the same way for indexed text and for queries.

A word is lower-cased, its accents dropped ("Réinitialiser" -> "reinitialiser"),
stop words ("the", "de") are dropped, French plurals are made singular, and
what is left is stemmed with Snowball ("passwords" -> "password").

French plurals come first because Snowball alone does not make singular and
plural meet: it stems "connexions" to "connex" but "connexion" to "connexion".
Languages with no Snowball stemmer here are compared without stemming (still
case- and accent-insensitive); see STEMMERS."""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from itertools import islice
from pathlib import Path

import snowballstemmer
from django.utils.safestring import mark_safe

# Letters and digits: the same token boundaries as SQLite's unicode61
# tokenizer (an underscore or an apostrophe separates two words).
WORD = re.compile(r"[^\W_]+")

# Snowball algorithm per language code; a language missing here is not stemmed.
STEMMERS = {"en": "english", "fr": "french"}
_STOPWORD_FILES = {"en": "english.txt", "fr": "french.txt"}
# Letters NFKD does not decompose, mapped as PostgreSQL's unaccent does.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


def unaccent(text):
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _read_stopwords(language):
    name = _STOPWORD_FILES.get(language)
    if name is None:
        return frozenset()
    path = Path(__file__).parent / "stopwords" / name
    lines = path.read_text(encoding="utf-8").splitlines()
    words = {line.strip() for line in lines if line.strip() and line[0] != "#"}
    # Readers often type without accents: "etait" is as empty as "était".
    return frozenset(words | {unaccent(word) for word in words})


_STOPWORDS = {language: _read_stopwords(language) for language in _STOPWORD_FILES}


def is_stopword(word, language):
    return word.lower() in _STOPWORDS.get(language, ())


def singular(word, language):
    """`word` without a French plural ending, keeping its case and accents."""
    if language != "fr" or is_stopword(word, language):
        return word
    lower = word.lower()
    if len(lower) <= 3:
        return word
    if lower.endswith(("eaux", "eux", "oux")) or (
        lower.endswith("s") and not lower.endswith("ss")
    ):
        return word[:-1]
    return word  # "-aux" -> "-al" is Snowball's own rule


@lru_cache(maxsize=8)
def _stemmer(language):
    algorithm = STEMMERS.get(language)
    return snowballstemmer.stemmer(algorithm) if algorithm else None


@lru_cache(maxsize=100_000)
def term(word, language):
    """The form `word` is indexed and looked up under, or "" for a stop word."""
    if is_stopword(word, language):
        return ""
    plain = unaccent(singular(word, language).lower())
    stemmer = _stemmer(language)
    return stemmer.stemWord(plain) if stemmer else plain


def terms(text, language):
    """The terms of `text`, in order, stop words left out."""
    found = (term(match.group(), language) for match in WORD.finditer(text or ""))
    return [item for item in found if item]


def singular_text(text, language):
    """`text` with French plurals made singular, everything else untouched:
    what PostgreSQL's own configuration (unaccent, Snowball) should see."""
    if language != "fr" or not text:
        return text or ""
    return WORD.sub(lambda match: singular(match.group(), language), text)


@dataclass(frozen=True)
class Text:
    """What readers see of an article in one language, to be indexed."""

    language: str
    title: str
    summary: str
    body: str


# Queries: a small, forgiving subset of web search syntax, as PostgreSQL's
# websearch_to_tsquery reads it. Words must all match; "quoted words" must
# match as a phrase; `or` between two parts means either; a leading `-`
# excludes. Anything else is punctuation and never an error.


@dataclass(frozen=True)
class Part:
    """One word, or a phrase of several, as the reader typed it."""

    words: tuple
    negated: bool = False


@dataclass
class Query:
    # Every group must match; a group matches when one of its parts does.
    groups: list = field(default_factory=list)
    # The last word may still be being typed (suggestions as you type).
    prefix: str = ""

    def positive_parts(self):
        return [part for group in self.groups for part in group if not part.negated]

    def highlight_terms(self, language):
        return {
            found
            for part in self.positive_parts()
            for word in part.words
            if (found := term(word, language))
        }

    def is_empty(self, language):
        """Nothing to look for: no words that are not stop words, or only
        exclusions (which would list every other article)."""
        return not self.highlight_terms(language) and not self.prefix


_QUERY_TOKEN = re.compile(r'(?P<minus>-)?"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+)')


def _still_typing(tokens, text):
    """Whether the query ends in a word, not a phrase, `or`, an exclusion or
    a space."""
    if not tokens or text[-1].isspace():
        return False
    word = tokens[-1]["word"]
    return (
        word is not None
        and word.lower() != "or"
        and not word.startswith("-")
        and WORD.search(word) is not None
    )


def parse_query(text, *, prefix=False):
    """Read a reader's query; with `prefix`, its last word may be unfinished."""
    query = Query()
    pending_or = False
    tokens = list(_QUERY_TOKEN.finditer(text))
    for token in tokens:
        is_phrase = token["phrase"] is not None
        raw = token["phrase"] if is_phrase else token["word"]
        if not is_phrase and raw.lower() == "or":
            pending_or = bool(query.groups)
            continue
        words = tuple(WORD.findall(raw))
        if not words:
            continue
        negated = bool(token["minus"]) or (not is_phrase and raw.startswith("-"))
        # Words joined by punctuation ("e-mail", "<b>bold") are words apart,
        # unless quoted, or excluded (what is excluded is the whole thing).
        parts = (
            [Part(words, negated)]
            if is_phrase or negated
            else [Part((word,)) for word in words]
        )
        if pending_or and not negated and not query.groups[-1][-1].negated:
            query.groups[-1].append(parts.pop(0))
        query.groups.extend([part] for part in parts)
        pending_or = False
    if prefix and _still_typing(tokens, text) and len(query.groups[-1]) == 1:
        # A word token ends in a group of one single-word part.
        query.prefix = query.groups.pop()[0].words[0]
    return query


# Snippets: the passage of a text where the query's words are, those words
# wrapped in <mark>, everything else escaped (with the standard library's
# html.escape, as Django's escape does, without its per-call overhead).

SNIPPET_WORDS = 30
_WORDS_BEFORE_MATCH = 8


@lru_cache(maxsize=100_000)
def _plain(word):
    return unaccent(word.lower())


def _matcher(wanted, language):
    # Stemming is the slow part: only words sharing a term's first letters
    # can match, so the others are never stemmed.
    prefixes = tuple({item[:3] for item in wanted})

    def matches(match):
        word = match.group()
        return _plain(word).startswith(prefixes) and term(word, language) in wanted

    return matches


def _marked(text, words, matched, start, end):
    """Words start..end of `text` escaped, the `matched` ones in <mark>,
    with what surrounds them when they begin or end the text."""
    pieces = []
    position = 0 if start == 0 else words[start].start()
    for index in range(start, end):
        match = words[index]
        pieces.append(escape(text[position : match.start()]))
        word = escape(match.group())
        pieces.append(f"<mark>{word}</mark>" if index in matched else word)
        position = match.end()
    more = WORD.search(text, position) is not None
    pieces.append(" …" if more else escape(text[position:]))
    return ("… " if start > 0 else "") + "".join(pieces)


def highlight(text, wanted, language):
    """All of `text`, escaped, with the words matching `wanted` terms marked."""
    words = list(WORD.finditer(text or ""))
    if not words:
        return mark_safe(escape(text or ""))  # noqa: S308
    matches = _matcher(wanted, language)
    matched = {index for index, word in enumerate(words) if matches(word)}
    # Every piece went through escape().
    return mark_safe(_marked(text, words, matched, 0, len(words)))  # noqa: S308


def snippet(text, wanted, language, length=SNIPPET_WORDS):
    """About `length` words of `text` around its first match, or None when
    `text` has no match. Reads no further into `text` than it shows."""
    if not wanted:
        return None
    matches = _matcher(wanted, language)
    words, first = [], None
    for word in WORD.finditer(text or ""):
        words.append(word)
        if first is None and matches(word):
            first = len(words) - 1
        if first is not None and len(words) >= first + length:
            break
    if first is None:
        return None
    start = max(0, min(first - _WORDS_BEFORE_MATCH, len(words) - length))
    end = min(len(words), start + length)
    matched = {index for index in range(first, end) if matches(words[index])}
    # Built from escaped pieces.
    return mark_safe(_marked(text, words, matched, start, end))  # noqa: S308


def opening(text, length=SNIPPET_WORDS):
    """The first `length` words of `text`, escaped."""
    words = list(islice(WORD.finditer(text or ""), length))
    if not words:
        return ""
    return mark_safe(_marked(text, words, set(), 0, len(words)))  # noqa: S308


def plain_words(text):
    return tuple(unaccent(word.lower()) for word in WORD.findall(text))


def expressions(terms):
    """The expressions (tuples of plain words) of a set as editors write it:
    separated by commas."""
    found = [plain_words(item) for item in terms.split(",")]
    return list(dict.fromkeys(item for item in found if item))
