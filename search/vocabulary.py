"""The words of the indexed articles per language, and typos corrected
against them.

Each document keeps its distinct words (`SearchDocument.words`), and
`SearchTerm` counts in how many documents of its language each word is,
both written with the index (`SearchDocument.objects.sync`). A word of a
query that is neither in that vocabulary nor shares its stem with a word
that is (so "passwords" is known when "password" is), is replaced with the
nearest word of the vocabulary within a few typos: 1 in words of 4 to 7
letters, 2 in longer ones, as Algolia and Meilisearch allow; accents never
count. A swap of two letters ("connexoin") is one typo (optimal string
alignment distance). Among equally near words, the one in most documents
wins. Each backend finds candidates fast (`typo_candidates`); the distance
is checked here, the same way for both."""

from django.db.models import Q
from rapidfuzz.distance import OSA

from .backends.analysis import WORD, is_stopword, term, unaccent

# Longer words are not worth correcting (nor storing: SearchTerm.word).
LONGEST_WORD = 40


def plain(word):
    return unaccent(word.lower())


def _correctable(word):
    return word.isalpha() and len(word) <= LONGEST_WORD


def words_of(text):
    """The distinct words of an indexed text (analysis.Text), lower case,
    without accents, stop words and words with digits left out."""
    found = set()
    for part in (text.title, text.summary, text.body):
        for match in WORD.finditer(part or ""):
            word = plain(match.group())
            if _correctable(word) and len(word) > 1:
                found.add(word)
    return {word for word in found if not is_stopword(word, text.language)}


def stem(word, language):
    return term(word, language)


def typos_allowed(word):
    """How many typos a word of this length may hold."""
    if len(word) < 4:
        return 0
    return 1 if len(word) < 8 else 2


def _nearest(word, candidates, allowed):
    best = None
    for candidate, documents in candidates:
        distance = OSA.distance(word, candidate, score_cutoff=allowed)
        if distance <= allowed:
            rank = (distance, -documents, candidate)
            best = rank if best is None or rank < best else best
    return best[2] if best else None


def corrections(words, language, backend, terms, *, prefix="", keep=frozenset()):
    """{word: correction} for the `words` (as typed) of a query that are
    not in `terms` (the SearchTerm rows of `language`) but near one that is;
    and for `prefix`, a word still being typed, when no word starts with it.
    Words in `keep` (plain) are left as they are. Also the words (plain)
    neither in `terms` nor near one: no article of `language` has them."""
    words = list(words)
    typed = plain(prefix)
    if typos_allowed(typed) and _correctable(typed):
        starting = terms.filter(word__startswith=typed)
        if not starting.exists():
            words.append(typed)
    wanted = {
        plain(word)
        for word in words
        if typos_allowed(word)
        and _correctable(word)
        and not is_stopword(word, language)
    } - set(keep)
    if not wanted:
        return {}, set()
    stems = {word: stem(word, language) for word in wanted}
    known = terms.filter(Q(word__in=wanted) | Q(stem__in=set(stems.values())))
    known_words, known_stems = set(), set()
    for word, known_stem in known.values_list("word", "stem"):
        known_words.add(word)
        known_stems.add(known_stem)
    found, absent = {}, set()
    for word in sorted(wanted):
        if word in known_words or stems[word] in known_stems:
            continue
        allowed = typos_allowed(word)
        nearest = _nearest(word, backend.typo_candidates(terms, word, allowed), allowed)
        if nearest:
            found[word] = nearest
        else:
            absent.add(word)
    return found, absent


def corrected_text(text, found):
    """`text` with each word `found` corrected, everything else as typed."""
    return WORD.sub(lambda match: found.get(plain(match.group()), match.group()), text)
