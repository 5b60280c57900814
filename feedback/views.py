"""The "Did this answer your question?" widget: its vote endpoint, the
visitor cookie and what the article page needs to show it.

There is no CSRF token in the article page, which stays cacheable: votes
are checked by helpcenter.csrf.same_origin_or_csrf_token (why, there). The
visitor and session cookies are SameSite=Lax besides, so other sites' POSTs
do not carry them."""

import re
import secrets
from urllib.parse import parse_qs, urlencode, urlsplit

from allauth.core import ratelimit
from django.core import signing
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles.models import Article
from helpcenter import unavailable
from helpcenter.csrf import same_origin_or_csrf_token
from helpcenter.text import one_line

from . import stats, votes
from .forms import FeedbackForm
from .models import Feedback

RATE_LIMIT_ACTION = "vote"
# New visitors one address may start (allauth's limits, in settings).
NEW_VISITOR_RATE_LIMIT_ACTION = "new_visitor"
VISITOR_COOKIE = "helpcenter_visitor"
VISITOR_COOKIE_AGE = 365 * 24 * 60 * 60
_VISITOR_ID = re.compile(r"[A-Za-z0-9_-]{22}")
_VISITOR_SALT = "feedback"
# The article page shows the thank-you when it is reached with this.
THANKS_PARAMETER = ("feedback", "sent")


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


def has_answered(request, pk, **kwargs):
    """Whether the reader has an answer about article `pk` (the page then
    shows it, so it is not the shared one: helpcenter/page_cache.py)."""
    visitor = current_visitor(request)
    return visitor is not None and (
        Feedback.objects.filter(article_id=pk, visitor=visitor.key).exists()
    )


def _remember_visitor(request, response, visitor):
    response.set_cookie(
        VISITOR_COOKIE,
        visitor_cookie(visitor.key),
        max_age=VISITOR_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


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


def asks_what_went_wrong(vote):
    """Whether the widget asks for the follow-up after the stored `vote`: a No
    that has no reason nor comment yet."""
    return bool(vote and vote.value == Feedback.Value.NO and not vote.has_details)


def thank_you(vote):
    if vote is None:
        return _("Thanks for your feedback!")
    if vote.value == Feedback.Value.YES:
        return _("Thanks for your feedback! We're glad it helped.")
    if vote.has_details:
        return _("Thanks, your comments will help us improve this article.")
    return _("Thanks for letting us know.")


def widget(request, article):
    """What templates/feedback/widget.html needs. `personal` says
    the page shows this visitor's own answer (it must not be shared)."""
    visitor = current_visitor(request)
    vote = votes.vote_of(article, visitor) if visitor else None
    just_sent = request.GET.get(THANKS_PARAMETER[0]) == THANKS_PARAMETER[1]
    count = stats.public_count(article)
    return {
        "vote": vote,
        "show_followup": asks_what_went_wrong(vote),
        "message": thank_you(vote) if just_sent else "",
        "reasons": Feedback.Reason.choices,
        "comment_max_length": Feedback.COMMENT_MAX_LENGTH,
        "helpful_yes": count[0] if count else None,
        "helpful_total": count[1] if count else None,
        "personal": vote is not None,
    }


def _wants_json(request):
    # The widget's script asks for JSON; browsers' own form posts ask for HTML.
    return (
        request.get_preferred_type(["text/html", "application/json"])
        == "application/json"
    )


@require_POST
@same_origin_or_csrf_token
def vote(request, pk):
    article = get_object_or_404(Article.objects.published(), pk=pk)
    visitor = current_visitor(request)
    if visitor is None:
        # Ids are the server's to give; how many, per address and hour,
        # is limited apart from the votes themselves.
        if not unavailable.consume(request, action=NEW_VISITOR_RATE_LIMIT_ACTION):
            return _too_many(request)
        visitor = votes.Visitor(secrets.token_urlsafe(16))
    if not unavailable.consume(request, action=RATE_LIMIT_ACTION, key=visitor.key):
        return _too_many(request)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return _refused(request, article, form)
    search_query = search_query_of(request)
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
                "followup": asks_what_went_wrong(stored),
                "message": thank_you(stored),
            }
        )
    else:
        query = {THANKS_PARAMETER[0]: THANKS_PARAMETER[1]}
        if search_query:  # the follow-up's Referer carries it on
            query["q"] = search_query
        response = redirect(f"{article.get_absolute_url()}?{urlencode(query)}#feedback")
        response.status_code = 303
    if not request.user.is_authenticated:
        # Signed anew: a cookie from before ids were signed, too.
        _remember_visitor(request, response, visitor)
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
