"""What the "Did this answer your question?" widget shows: the visitor's
answer, the follow-up, the thank-you and the helpful count
(templates/feedback/widget.html, a part of the page of its own:
feedback/parts.py; the vote's JSON answer uses the same words)."""

from django.utils.translation import gettext as _

from . import stats
from .models import Feedback
from .visitors import vote_shown

# The article page shows the thank-you when it is reached with this.
THANKS_PARAMETER = ("feedback", "sent")


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


def reason_shown(request, article_id):
    """The reason of the No the widget shows this reader ("" if none): the
    support link beside it carries it."""
    vote = vote_shown(request, article_id)
    return vote.reason if vote is not None and vote.value == Feedback.Value.NO else ""


def just_sent(request):
    """The page was reached after answering without JavaScript."""
    return request.GET.get(THANKS_PARAMETER[0]) == THANKS_PARAMETER[1]


def context(request, article_id):
    """What templates/feedback/widget.html needs."""
    vote = vote_shown(request, article_id)
    count = stats.public_count(article_id)
    return {
        "vote": vote,
        "show_followup": asks_what_went_wrong(vote),
        "message": thank_you(vote) if just_sent(request) else "",
        "reasons": Feedback.Reason.choices,
        "comment_max_length": Feedback.COMMENT_MAX_LENGTH,
        "helpful_yes": count[0] if count else None,
        "helpful_total": count[1] if count else None,
    }
