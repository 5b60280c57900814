"""Typography of a language applied to rendered article HTML: in French, a
non-breaking space before « : ; ! ? » and after «, so that no punctuation
mark starts a line on its own (a table cell's closing » used to wrap alone).

It runs on the sanitised HTML, in the text between tags only, and leaves
code alone (`code`, `pre`, `kbd`, `samp`): a command must stay as typed."""

import re

NBSP = "\u00a0"

# nh3's output: tags, comments and text; attributes never hold a raw "<".
_PIECES = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")
_LITERAL = {"code", "pre", "kbd", "samp"}

# Ordinary spaces (and "&nbsp;" written by authors) around French punctuation.
_BEFORE = re.compile(r"(?:[ \t]|&nbsp;)+(?=[:;!?»])")
_AFTER_OPENING_QUOTE = re.compile(r"«(?:[ \t]|&nbsp;)+")
# A guillemet with no space at all gets one too: «mot» -> « mot ».
_BARE_OPENING_QUOTE = re.compile(r"«(?=[^\s\u00a0])")
_BARE_CLOSING_QUOTE = re.compile(r"(?<=[^\s\u00a0])»")


def french(text):
    """`text` (no tags) with French non-breaking spaces."""
    text = _BEFORE.sub(NBSP, text)
    text = _AFTER_OPENING_QUOTE.sub("«" + NBSP, text)
    text = _BARE_OPENING_QUOTE.sub("«" + NBSP, text)
    return _BARE_CLOSING_QUOTE.sub(NBSP + "»", text)


_RULES = {"fr": french}


def apply(html, language):
    """`html` with the typography of `language` in its text (outside code)."""
    rule = _RULES.get(language)
    if rule is None or not html:
        return html
    pieces = _PIECES.split(html)
    literal_depth = 0
    for index, piece in enumerate(pieces):
        if index % 2:
            tag = _TAG_NAME.match(piece)
            if tag and tag.group(2).lower() in _LITERAL:
                literal_depth += -1 if tag.group(1) else 1
                literal_depth = max(literal_depth, 0)
        elif piece and not literal_depth:
            pieces[index] = rule(piece)
    return "".join(pieces)
