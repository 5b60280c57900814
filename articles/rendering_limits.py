"""What Markdown an article may hold so that it renders in bounded time.

Python-Markdown's work grows with the square of unclosed or nested `[`
brackets (each one scans ahead for its `]`) and its recursion with how
deeply lists and quotes nest: 20,000 `[` then 20,000 `]` kept a worker
busy for 30 s, 3,000 nested lists raised RecursionError. Text within these
limits renders in well under 2 s on the embedded default (bench/markdown
measures the worst cases); text beyond them is refused, with the reason,
wherever it comes from (the admin, its preview, an import)."""

import re

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAX_LENGTH = 50_000
# Columns of white space before a line's text (a tab counts 4): 40 levels
# of nested lists.
MAX_INDENT = 160
MAX_QUOTE_DEPTH = 40
# Characters scanned for matching brackets and parentheses, summed over
# the text.
MAX_BRACKET_WORK = 500_000

_BLOCK_BREAK = re.compile(r"\n[ \t]*\n")
_QUOTE_PREFIX = re.compile(r"[ \t>]*")
_OPENING = "[("
_CLOSING = {"]": "[", ")": "("}


def bracket_work(source):
    """How many characters the brackets of `source` make Markdown scan: from
    each `[` to its `]` and each `(` to its `)` (a link's target), or to the
    end of the paragraph when it has none."""
    work = 0
    for block in _BLOCK_BREAK.split(source):
        opened = {"[": [], "(": []}
        escaped = False
        for position, char in enumerate(block):
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char in _OPENING:
                opened[char].append(position)
            elif char in _CLOSING and opened[_CLOSING[char]]:
                work += position - opened[_CLOSING[char]].pop()
        work += sum(
            len(block) - position for stack in opened.values() for position in stack
        )
    return work


def _deepest(lines):
    indent = max(
        (len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip()) for line in lines),
        default=0,
    )
    quotes = max(
        (_QUOTE_PREFIX.match(line).group().count(">") for line in lines), default=0
    )
    return indent, quotes


def problems(source):
    """Why `source` cannot be rendered, as messages for its editor: none
    when it is within the limits."""
    if len(source) > MAX_LENGTH:
        return [
            _(
                "The text is %(length)s characters long: at most %(limit)s can "
                "be published. Split it into several articles."
            )
            % {
                "length": number_format(len(source), force_grouping=True),
                "limit": number_format(MAX_LENGTH, force_grouping=True),
            }
        ]
    found = []
    indent, quotes = _deepest(source.splitlines())
    if indent > MAX_INDENT:
        found.append(
            ngettext(
                "A line is indented by %(count)d column: at most %(limit)d.",
                "A line is indented by %(count)d columns: at most %(limit)d.",
                indent,
            )
            % {"count": indent, "limit": MAX_INDENT}
        )
    if quotes > MAX_QUOTE_DEPTH:
        found.append(
            _("Quotes are nested %(count)d deep: at most %(limit)d.")
            % {"count": quotes, "limit": MAX_QUOTE_DEPTH}
        )
    if bracket_work(source) > MAX_BRACKET_WORK:
        found.append(
            _(
                "The text has too many brackets [ or ( without their ] or ) "
                "(or nested in each other) to be published: close or remove "
                "them."
            )
        )
    return found
