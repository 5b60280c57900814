"""The support page: write, see articles that may answer (the "Next" step
without JavaScript, live with it), send, get an acknowledgement.

The page holds the reader's address (prefilled when signed in) and a CSRF
token: it is never cached (`never_cache`), unlike the article pages."""

from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from articles.models import Article
from feedback.models import Feedback
from helpcenter.unavailable import consume_or_429

from . import counts, deflection, requests, suggestions
from .forms import SupportForm

# allauth rate limit actions, configured in ACCOUNT_RATE_LIMITS.
SEND_RATE_LIMIT_ACTION = "support_request"
COUNT_RATE_LIMIT_ACTION = "support_count"
SUGGEST_RATE_LIMIT_ACTION = "search_suggest"


def _article_from_query(request):
    """The published article named by `?article=`, or None (an old link to
    an article gone since still opens the form)."""
    value = request.GET.get("article", "")
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        return None
    return Article.objects.published().filter(pk=int(value)).first()


def _counted(request):
    """Whether this address may still add to the editors' counts (opening
    the form, following a suggestion): a script cannot inflate them."""
    limited = consume_or_429(request, action=COUNT_RATE_LIMIT_ACTION, limit_get=True)
    return limited is None


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def support(request):
    if request.method == "POST":
        return _posted(request)
    article = _article_from_query(request)
    reason = request.GET.get("reason", "") if article else ""
    if reason not in Feedback.Reason.values:
        reason = ""
    draft = deflection.new_draft()
    if article and request.method == "GET" and _counted(request):
        counts.add(
            article.pk, requests.language_read(article, get_language()), opened=1
        )
    initial = {"article": article.pk if article else None, "reason": reason}
    if request.user.is_authenticated:
        initial["email"] = request.user.email
    form = SupportForm(initial={**initial, "draft": draft})
    return _page(request, form, article=article, reason=reason)


def _posted(request):
    form = SupportForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    if form.is_trapped():
        # Answered like a request sent, so the robot learns nothing.
        return _sent_redirect()
    data = form.cleaned_data
    if request.POST.get("step") != "send":
        limited = consume_or_429(request, action=SUGGEST_RATE_LIMIT_ACTION)
        if limited:
            return limited
        found = suggestions.for_subject(data["subject"], get_language(), data["draft"])
        return _page(request, form, suggested=found, review=True)
    # Per address and per email address written (both rates of the action).
    limited = consume_or_429(
        request, action=SEND_RATE_LIMIT_ACTION, key=data["email"].lower()
    )
    if limited:
        return limited
    requests.send_request(
        email=data["email"],
        subject=data["subject"],
        message=data["message"],
        language=get_language(),
        user=request.user,
        article=data["article"],
        reason=data["reason"],
        draft=data["draft"],
    )
    return _sent_redirect()


def _sent_redirect():
    response = redirect("support:sent")
    response.status_code = 303
    return response


def _page(
    request, form, *, article=None, reason="", suggested=None, review=False, status=200
):
    if form.is_bound and form.is_valid():
        article, reason = form.cleaned_data["article"], form.cleaned_data["reason"]
    context = {
        "form": form,
        "article": article,
        "article_language": (
            requests.language_read(article, get_language()) if article else ""
        ),
        "reason_label": Feedback.Reason(reason).label if reason else "",
        "suggested": suggested,
        "review": review,
    }
    return render(request, "support/support.html", context, status=status)


@never_cache
@require_safe
def sent(request):
    return render(request, "support/sent.html")


@never_cache
@require_safe
def suggested(request):
    """Follow a suggestion made by the form: remembered, then the article."""
    found = deflection.read_token(request.GET.get("t", ""))
    if found is None:
        return HttpResponseBadRequest(_("This link is not valid."))
    article_id, draft, language = found
    article = Article.objects.published().filter(pk=article_id).first()
    if article is None:
        raise Http404(_("This article is no longer published."))
    if _counted(request):
        deflection.opened(article.pk, draft, language)
    return redirect(article.url_in(language))


@require_safe
def live_suggestions(request):
    """Suggestions for the subject being typed, as JSON (static/js/support.js):
    `{"suggestions": [{"title": ..., "url": ...}]}`."""
    limited = consume_or_429(request, action=SUGGEST_RATE_LIMIT_ACTION, limit_get=True)
    if limited:
        return limited
    draft = deflection.valid_draft(request.GET.get("draft", ""))
    subject = request.GET.get("q", "")[:200]
    found = suggestions.for_subject(subject, get_language(), draft)
    response = JsonResponse({"suggestions": found})
    response["Cache-Control"] = "private, no-store"
    return response
