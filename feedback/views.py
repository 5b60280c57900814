"""The "Did this answer your question?" widget: its vote endpoint, the
visitor cookie and what the article page needs to show it.

There is no CSRF token in the article page, which stays cacheable: votes
are checked by helpcenter.csrf.same_origin_or_csrf_token (why, there). The
visitor and session cookies are SameSite=Lax besides, so other sites' POSTs
do not carry them."""

import secrets
from urllib.parse import parse_qs, urlencode, urlsplit

from allauth.core import ratelimit
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles.models import LANGUAGE_CODES, Article
from helpcenter import unavailable
from helpcenter.csrf import same_origin_or_csrf_token
from helpcenter.text import one_line

from . import visitors, votes, widget
from .forms import FeedbackForm
from .models import Feedback

RATE_LIMIT_ACTION = "vote"
# What a vote reads of its article (votes.record_vote, the redirect to it):
# not its texts, which make its row a few kilobytes per language.
_VOTE_READS = [
    "key",
    "status",
    "publish_at",
    *(
        f"{name}_{code}"
        for name in ("title", "slug", "content_updated_at")
        for code in LANGUAGE_CODES
    ),
]
# New visitors one address may start (allauth's limits, in settings).
NEW_VISITOR_RATE_LIMIT_ACTION = "new_visitor"


def search_query_of(request):
    """The search the reader came from: search results link to articles with
    `?q=`, and the vote's Referer is that address (our Referrer-Policy sends
    it whole to our own site). The page holds nothing of it, so readers
    from a search share the page everyone gets (helpcenter/page_cache.py).
    Only our own pages count; without a Referer, or with one that is not an
    address (any client can send any text), no query is recorded."""
    try:
        referer = urlsplit(request.headers.get("Referer", ""))
    except ValueError:  # "http://[/": brackets that hold no IPv6 address
        return ""
    if referer.netloc != request.get_host():
        return ""
    # Cleaned as the search page cleans what it is given.
    return one_line(
        parse_qs(referer.query).get("q", [""])[0], Feedback.SEARCH_QUERY_MAX_LENGTH
    )


def _wants_json(request):
    # The widget's script asks for JSON; browsers' own form posts ask for HTML.
    return (
        request.get_preferred_type(["text/html", "application/json"])
        == "application/json"
    )


@require_POST
@same_origin_or_csrf_token
def vote(request, pk):
    article = get_object_or_404(Article.objects.published().only(*_VOTE_READS), pk=pk)
    visitor = visitors.current_visitor(request)
    form = FeedbackForm(request.POST)
    search_query = search_query_of(request)
    # One write transaction, and only for the writes: with the database
    # cache, the rate limits' counters and the page cache's versions are
    # rows too, and on SQLite a write transaction is the one writer allowed
    # at a time (the reads above do not keep the others waiting).
    with transaction.atomic():
        if visitor is None:
            # Ids are the server's to give; how many, per address and hour,
            # is limited apart from the votes themselves.
            if not unavailable.consume(request, action=NEW_VISITOR_RATE_LIMIT_ACTION):
                return _too_many(request)
            visitor = votes.Visitor(secrets.token_urlsafe(16))
        if not unavailable.consume(request, action=RATE_LIMIT_ACTION, key=visitor.key):
            return _too_many(request)
        if not form.is_valid():
            return _refused(request, article, form)
        stored = votes.record_vote(
            article,
            visitor,
            language=get_language(),
            details=form.has_details(),
            search_query=search_query,
            **form.cleaned_data,
        )
    if _wants_json(request):
        response = JsonResponse(
            {
                "value": stored.value,
                "followup": widget.asks_what_went_wrong(stored),
                "message": widget.thank_you(stored),
            }
        )
    else:
        query = {widget.THANKS_PARAMETER[0]: widget.THANKS_PARAMETER[1]}
        if search_query:  # the follow-up's Referer carries it on
            query["q"] = search_query
        response = redirect(f"{article.get_absolute_url()}?{urlencode(query)}#feedback")
        response.status_code = 303
    if not request.user.is_authenticated:
        # Signed anew: a cookie from before ids were signed, too.
        visitors.remember_visitor(request, response, visitor)
    return response


def _refused(request, article, form):
    errors = [error for errors in form.errors.values() for error in errors]
    if _wants_json(request):
        return JsonResponse(
            {"message": " ".join(errors), "errors": form.errors.get_json_data()},
            status=400,
        )
    return render(
        request,
        "feedback/refused.html",
        {"article": article, "errors": errors},
        status=400,
    )


def _too_many(request):
    if _wants_json(request):
        return JsonResponse(
            {
                "message": _(
                    "You have sent too many answers in a short while. "
                    "Please wait a minute, then try again."
                )
            },
            status=429,
        )
    return ratelimit.respond_429(request)
