"""Who answers "Did this answer your question?": a signed-in reader, or a
visitor known by the random id of a cookie the server signs (a client
cannot make up visitors of its own)."""

import re

from django.core import signing

from . import votes
from .models import Feedback

VISITOR_COOKIE = "helpcenter_visitor"
VISITOR_COOKIE_AGE = 365 * 24 * 60 * 60
_VISITOR_ID = re.compile(r"[A-Za-z0-9_-]{22}")
_VISITOR_SALT = "feedback"


def visitor_cookie(key):
    """The visitor cookie's value for the id `key`: signed with the site's
    secret, so that a client cannot make up visitors of its own."""
    return signing.get_cookie_signer(salt=VISITOR_COOKIE + _VISITOR_SALT).sign(key)


def current_visitor(request):
    """The signed-in reader, or the visitor our cookie names, or None."""
    if request.user.is_authenticated:
        return votes.Visitor.for_user(request.user)
    key = request.get_signed_cookie(
        VISITOR_COOKIE, default=None, salt=_VISITOR_SALT, max_age=VISITOR_COOKIE_AGE
    )
    if key is None:
        key = _unsigned_visitor(request)
    return votes.Visitor(key) if key and _VISITOR_ID.fullmatch(key) else None


def _unsigned_visitor(request):
    """The id of a cookie set before ids were signed, if it has answered
    already: its answers stay its own (the vote signs the cookie). An id
    nobody answered with is a made-up one."""
    key = request.COOKIES.get(VISITOR_COOKIE, "")
    if _VISITOR_ID.fullmatch(key) and Feedback.objects.filter(visitor=key).exists():
        return key
    return None


def vote_shown(request, article_id):
    """The reader's answer about the article, or None: looked up once per
    request (the page cache asks, then the widget shows it)."""
    found = request.__dict__.setdefault("feedback_votes_shown", {})
    if article_id not in found:
        visitor = current_visitor(request)
        found[article_id] = votes.vote_of(article_id, visitor) if visitor else None
    return found[article_id]


def has_answered(request, pk, **kwargs):
    """Whether the reader has an answer about article `pk` (the page then
    shows it, so it is not the shared one: helpcenter/page_cache.py)."""
    return vote_shown(request, pk) is not None


def remember_visitor(request, response, visitor):
    response.set_cookie(
        VISITOR_COOKIE,
        visitor_cookie(visitor.key),
        max_age=VISITOR_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
