"""The parts of a shared page that are each reader's own: the header's
account link or menu, the messages waiting for them, their answer to "Did
this answer your question?". A reader the shared page cannot be given
(signed in, answered, a message pending) gets the shared page with only
these parts rendered for them (helpcenter/page_cache.py), instead of the
whole page: the article's text, its contents, the category's other
articles and the related ones are everyone's.

A part is a function `render(request, **args) -> str` (HTML) registered
under a name (`register`, from AppConfig.ready()) and shown by the template
tag `{% page_part "name" arg=value %}`; its arguments are what the page
knows and the reader does not change (an article's id), JSON values. When
the page cache renders a page to share (`mark`), each part rendered for
the anonymous reader is marked in the output; `cut` takes the marks out
and keeps where each part is, and `splice` renders the parts again, in the
page's order, for another reader.

The contract: whatever differs between readers on a shared page is a
part. A part inside a part is rendered with it (not marked).
"""

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.safestring import mark_safe

_parts = {}

# Marks no text of a page holds by chance (an article could quote any
# fixed one): a new token each process.
_TOKEN = secrets.token_hex(8)
_MARK = re.compile(rb"<!--" + _TOKEN.encode() + rb":(\d+|end)-->")


def register(name, *, personal=None):
    """Register the decorated function as the part called `name`.
    `personal(request, **args)`, when given, says whether the reader sees
    anything else than everyone there: if not, the shared page's part is
    kept as it is (cheaper than rendering it again)."""

    def decorator(render_part):
        _parts[name] = _Part(render_part, personal)
        return render_part

    return decorator


@dataclass(frozen=True)
class _Part:
    render: Callable
    personal: Callable = None


def mark(request):
    """The page about to be rendered for `request` will be shared: mark
    its parts."""
    request.page_parts = []


def render(request, name, args):
    """The part `name` for this reader, marked when the page is shared."""
    marks = getattr(request, "page_parts", None)
    if marks is None:
        return mark_safe(_parts[name].render(request, **args))  # noqa: S308 (our HTML)
    request.page_parts = None
    try:
        output = _parts[name].render(request, **args)
    finally:
        request.page_parts = marks
    marks.append((name, args))
    return mark_safe(  # noqa: S308 (our HTML and marks)
        f"<!--{_TOKEN}:{len(marks) - 1}-->{output}<!--{_TOKEN}:end-->"
    )


def cut(request, content):
    """`content` (bytes) without the marks of the parts rendered in it, and
    where each part is in it: [(start, end, name, args)]."""
    marks = getattr(request, "page_parts", None)
    if not marks:
        return content, []
    pieces, parts = [], []
    length = position = start = index = 0
    for found in _MARK.finditer(content):
        piece = content[position : found.start()]
        pieces.append(piece)
        length += len(piece)
        position = found.end()
        if found.group(1) == b"end":
            parts.append((start, length, *marks[index]))
        else:
            index, start = int(found.group(1)), length
    pieces.append(content[position:])
    return b"".join(pieces), parts


def splice(request, content, parts):
    """The shared page `content` with its `parts` rendered for `request`."""
    pieces, position = [], 0
    for start, end, name, args in parts:
        part = _parts[name]
        if part.personal is not None and not part.personal(request, **args):
            pieces.append(content[position:end])
        else:
            pieces.append(content[position:start])
            pieces.append(part.render(request, **args).encode())
        position = end
    pieces.append(content[position:])
    return b"".join(pieces)
