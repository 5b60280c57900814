"""Reader pages kept whole in the shared cache, for the readers who all see
the same page: rendered once, then served with one cache read.

Who shares a page: a GET (or HEAD) without a query string (but for
parameters the view says change nothing), from a browser with no session
and no pending messages — an anonymous reader with nothing said to them
alone. Other apps whose parts show on a page add their conditions to it
(`extend`; the article page: the visitor has not answered "Did this answer
your question?" there, since the page then shows their answer), and a part
that turns out to be the reader's own while it renders says so
(`keep_private`). Everyone else gets the shared page with only its parts
that are their own rendered for them (the account menu, messages, their
answer: helpcenter/page_parts.py), or, until the shared page is in the
cache, the whole page rendered for them.

Fresh after every edit: an entry records the version of each "tag" it was
built from (e.g. all content; one article's votes; all votes), named by the
apps that own the data: the page's view names its own, other apps add
theirs (`extend`) and invalidate them when their data changes. An edit or a vote
gives its tags new versions, which makes every entry built from the old
ones stale; the versions are read before rendering, so an edit committed
during a render is never hidden. Entries also expire after
PAGE_CACHE_SECONDS (relative dates such as "Updated today" age) and at the
next time pages change on their own (`add_deadline`: a scheduled
publication), whichever is first; and a new release (other
templates, translations or static files) has keys of its own.

Shared pages carry an ETag (no Last-Modified: see `_validated`), and a
conditional GET that matches gets a 304 with no body. Pages rendered for
one reader take their shared parts (related articles) from the cache too:
`fragment()`.

A cache that does not answer is logged and costs readers nothing but
speed: pages are rendered, edits and votes are saved.
"""

import hashlib
import logging
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from functools import wraps
from pathlib import Path
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import quote_etag

from . import page_parts
from .unavailable import CACHE_DOWN

# Tag keys sort after page keys ("tag:" > "page:", "fragment:"): the
# database cache culls the alphabetically first keys when full, so pages
# go before the versions they were built from.
_TAG_KEY = "tag:{}"

logger = logging.getLogger(__name__)


@dataclass
class _Page:
    """What other apps add to a shared page (`extend`): more tags, and
    conditions under which a reader gets the page rendered for them."""

    tags: list = field(default_factory=list)
    unless: list = field(default_factory=list)


_pages = defaultdict(_Page)
# Functions giving the next time at which pages may change on their own
# (a scheduled publication), or None: entries expire then at the latest.
_deadlines = []


def extend(page, *tags, unless=None):
    """Add `tags` (names, or callables given the view's keyword arguments) to
    the shared page named `page`, and `unless(request, **kwargs)`: true
    renders the page for that reader. For apps whose parts (template tags)
    show on another app's pages; call it from AppConfig.ready()."""
    _pages[page].tags.extend(tags)
    if unless is not None:
        _pages[page].unless.append(unless)


def add_deadline(next_change):
    """`next_change(after)` gives the next time after `after` at which pages
    change without an edit (or None); entries are kept no longer. Call it
    from AppConfig.ready()."""
    _deadlines.append(next_change)


def keep_private(request):
    """This page shows something of this reader's own (a template tag says
    so while it renders): it is not shared, and says `private`."""
    request.page_cache_private = True


def _new_version():
    return uuid.uuid4().hex


def invalidate(*tags):
    """Make the pages built from `tags` stale, at once and, inside a
    transaction, again once it commits: a request rendering from the rows
    read before the commit may cache its page meanwhile (at worst, a page is
    rendered once more). Renewing at once too lets code in a transaction
    that never commits (a test) see its own edits. With the database cache
    the versions are rows of the transaction itself: they change when it
    commits, so once is enough (and a vote stays one write transaction)."""

    def renew():
        try:
            cache.set_many({_TAG_KEY.format(tag): _new_version() for tag in tags}, None)
        except CACHE_DOWN:
            logger.warning(
                "Pages built from %s stay until they expire: the cache does "
                "not answer.",
                ", ".join(tags),
                exc_info=True,
            )

    renew()
    in_transaction = transaction.get_connection().in_atomic_block
    if in_transaction and not isinstance(caches["default"], DatabaseCache):
        transaction.on_commit(renew)


def _code_files(base):
    """The Python code of the project's own apps (those under `base`): the
    views and template tags that render pages."""
    for config in apps.get_app_configs():
        folder = Path(config.path)
        if folder.is_relative_to(base):
            yield from (
                path for path in folder.rglob("*.py") if "tests" not in path.parts
            )


def _release():
    """What pages are made of besides the database, hashed: a deploy that
    changes templates, translations, static file names or the code that
    renders them starts afresh."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    files = [
        *(base / "templates").rglob("*.html"),
        *(base / "locale").rglob("*.mo"),
        *_code_files(base),
        Path(settings.STATIC_ROOT) / "staticfiles.json",
    ]
    for path in sorted(files):
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


_RELEASE = _release()


def _asks_kept_page(request, ignored_parameters, key_parameters):
    """Whether the request asks for a page the cache may keep (for whom
    aside)."""
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and set(request.GET) <= {*ignored_parameters, *key_parameters}
        # A parameter given twice: which one the view reads is its business.
        and all(
            len(request.GET.getlist(name)) == 1
            for name in key_parameters
            if name in request.GET
        )
    )


def _has_own_cookies(request):
    """A session (signed in, or was) or messages waiting: the reader's own
    parts of the page differ from the shared page's."""
    return (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or CookieStorage.cookie_name in request.COOKIES
    )


def _page_key(request, key_parameters=()):
    # Pages hold absolute links (canonical, alternates): the host and scheme
    # are part of what was asked, and so are the parameters that change it.
    url = f"{request.scheme}://{request.get_host()}{request.path}"
    asked = sorted(
        (name, request.GET[name]) for name in key_parameters if name in request.GET
    )
    if asked:
        url = f"{url}?{urlencode(asked)}"
    return f"page:{_RELEASE}:{hashlib.sha256(url.encode()).hexdigest()}"


def _current_versions(tags):
    """The tags' versions; a tag never seen gets one (`add`: an edit that
    gave it one meanwhile wins). A version the cache lost again at once (a
    full database cache culls) stays None: nothing is kept with it."""
    keys = [_TAG_KEY.format(tag) for tag in tags]
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            cache.add(key, _new_version(), None)
        found = cache.get_many(keys)
    return {tag: found.get(key) for tag, key in zip(tags, keys, strict=True)}


def _seconds_to_keep(started):
    """PAGE_CACHE_SECONDS, or less when pages change sooner on their own,
    counted from `started`, the time taken before the versions were read
    and the page rendered: an article due while it rendered ends it."""
    seconds = settings.PAGE_CACHE_SECONDS
    for next_change in _deadlines:
        moment = next_change(started)
        if moment is not None:
            seconds = min(seconds, (moment - timezone.now()).total_seconds())
    return max(1, int(seconds))


def _entry(response, versions, parts):
    return {
        "versions": versions,
        "content": response.content,
        "headers": dict(response.headers),
        "etag": quote_etag(hashlib.sha256(response.content).hexdigest()[:32]),
        # Where the reader's own parts are (helpcenter/page_parts.py).
        "parts": parts,
    }


def _can_keep(request, response):
    cache_control = response.get("Cache-Control", "")
    return (
        # A CSRF token in the page would be this reader's.
        not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


def _validated(request, response, entry):
    # The ETag alone, no Last-Modified: a time in whole seconds stays the
    # same across an edit made within the second (or on a machine whose
    # clock is behind), and If-Modified-Since alone would then get a 304
    # for a changed page.
    response["ETag"] = entry["etag"]
    # Browsers and CDNs may keep the page but ask again each time (a 304
    # costs little), so an edit is seen at once.
    patch_cache_control(response, no_cache=True)
    return get_conditional_response(request, etag=entry["etag"], response=response)


def _lookup(key, tags):
    """The page's entry if it is fresh, else None; and the tags' versions
    to build a new one with."""
    found = cache.get_many([key, *(_TAG_KEY.format(tag) for tag in tags)])
    versions = {tag: found.get(_TAG_KEY.format(tag)) for tag in tags}
    entry = found.get(key)
    if entry is not None and entry["versions"] == versions:
        return entry, versions
    if None in versions.values():
        versions = _current_versions(tags)
    return None, versions


def _store(key, entry, started):
    # Nothing is kept with a version the cache lost: it would match the
    # next time the cache lost it, whatever changed in between.
    if None in entry["versions"].values():
        return
    try:
        cache.set(key, entry, _seconds_to_keep(started))
    except CACHE_DOWN:
        logger.warning("Page cache unreachable.", exc_info=True)


def fragment(key, tags, build):
    """`build()`, kept in the cache like pages are (until one of `tags`
    changes, PAGE_CACHE_SECONDS pass or an article is due): for the parts
    of pages rendered for one reader that are everyone's. Built afresh
    when the cache is off or does not answer."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return build()
    key = f"fragment:{_RELEASE}:{key}"
    started = timezone.now()
    try:
        entry, versions = _lookup(key, tags)
    except CACHE_DOWN:
        logger.warning("Page cache unreachable.", exc_info=True)
        return build()
    if entry is not None:
        return entry["value"]
    value = build()
    _store(key, {"versions": versions, "value": value}, started)
    return value


def _rendered(view, request, *args, **kwargs):
    response = view(request, *args, **kwargs)
    if getattr(request, "page_cache_private", False):
        patch_cache_control(response, private=True)
    return response


def _rendered_to_share(view, request, *args, **kwargs):
    """The response, and where the reader's own parts are in it."""
    page_parts.mark(request)
    response = _rendered(view, request, *args, **kwargs)
    if response.streaming:
        return response, []
    response.content, parts = page_parts.cut(request, response.content)
    return response, parts


def _spliced(request, entry):
    """The shared page with its parts rendered for this reader."""
    response = HttpResponse(
        page_parts.splice(request, entry["content"], entry["parts"]),
        headers=entry["headers"],
    )
    patch_vary_headers(response, ["Cookie"])
    # It names the reader (or shows their answer): for their browser only.
    patch_cache_control(response, private=True)
    return response


def shared_page(page, *tags, ignored_parameters=(), key_parameters=()):
    """Serve the view's page, named `page`, from the cache to readers who
    may share it. `tags` are tag names, or callables given the view's
    keyword arguments (other apps add theirs with `extend`); query
    parameters in `ignored_parameters` do not change the page, each value
    of those in `key_parameters` is a page of its own (any other parameter
    makes it rendered)."""

    def decorator(view):
        @wraps(view)
        def serve(request, *args, **kwargs):
            extension = _pages[page]
            if not _asks_kept_page(request, ignored_parameters, key_parameters):
                return _rendered(view, request, *args, **kwargs)
            own = _has_own_cookies(request) or any(
                unless(request, **kwargs) for unless in extension.unless
            )
            key = _page_key(request, key_parameters)
            started = timezone.now()
            names = [
                tag(**kwargs) if callable(tag) else tag
                for tag in (*tags, *extension.tags)
            ]
            try:
                entry, versions = _lookup(key, names)
            except CACHE_DOWN:
                logger.warning("Page cache unreachable.", exc_info=True)
                return _rendered(view, request, *args, **kwargs)
            if own:
                # Only the reader's own parts are rendered for them, once the
                # shared page is in the cache.
                if entry is None:
                    return _rendered(view, request, *args, **kwargs)
                return _spliced(request, entry)
            if entry is not None:
                response = HttpResponse(entry["content"], headers=entry["headers"])
            else:
                response, parts = _rendered_to_share(view, request, *args, **kwargs)
                if not _can_keep(request, response):
                    return response
                entry = _entry(response, versions, parts)
                _store(key, entry, started)
            # What a shared page is depends on the reader's cookies.
            patch_vary_headers(response, ["Cookie"])
            return _validated(request, response, entry)

        return serve

    return decorator
