"""Synonyms editors manage per language (`Synonym`, in the admin), applied
to queries as they are searched: "mdp" also finds "mot de passe", "sign in"
also finds "log in". Nothing is reindexed: a query's words that form one
of a set's expressions become a choice between all of the set's
expressions, which counts as one word of the query for ranking."""

from django.db.models.signals import post_delete, post_save

from helpcenter import page_cache

from .backends.analysis import Part, Query, expressions, plain_words, unaccent

# The page cache's tag for synonyms: pages and fragments built with them.
SYNONYMS = "synonyms"


def _sets(language):
    from .models import Synonym

    return [
        expressions(terms)
        for terms in Synonym.objects.filter(language=language).values_list(
            "terms", flat=True
        )
    ]


def sets_for(language):
    """The synonym sets of `language`, from the cache until one changes."""
    return page_cache.fragment(
        f"synonyms:{language}", [SYNONYMS], lambda: _sets(language)
    )


def changed(**kwargs):
    """A synonym was saved or deleted (signal receiver)."""
    page_cache.invalidate(SYNONYMS)


def connect(model):
    post_save.connect(changed, sender=model)
    post_delete.connect(changed, sender=model)


def words_in(sets):
    """Every word of the sets: words to leave uncorrected."""
    return {word for group in sets for expression in group for word in expression}


def _single_word(group):
    return len(group) == 1 and not group[0].negated and len(group[0].words) == 1


def _match(groups, start, sets):
    """The longest expression of a set spelt by the single-word groups from
    `start`: (its length, its set), or (0, None)."""
    best = (0, None)
    for group_set in sets:
        for expression in group_set:
            end = start + len(expression)
            if len(expression) <= best[0] or end > len(groups):
                continue
            if all(
                _single_word(groups[index])
                and unaccent(groups[index][0].words[0].lower())
                == expression[index - start]
                for index in range(start, end)
            ):
                best = (len(expression), group_set)
    return best


def expand(query, sets):
    """`query` with each expression of a synonym set that it spells replaced
    by a choice between the set's expressions."""
    if not sets:
        return query
    groups, index = [], 0
    while index < len(query.groups):
        length, group_set = _match(query.groups, index, sets)
        if not length:
            groups.append(query.groups[index])
            index += 1
            continue
        typed = tuple(query.groups[i][0].words[0] for i in range(index, index + length))
        others = [
            Part(expression)
            for expression in group_set
            if expression != plain_words(" ".join(typed))
        ]
        groups.append([Part(typed), *others])
        index += length
    return Query(groups=groups, prefix=query.prefix)
