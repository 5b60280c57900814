"""What the "Did this answer your question?" widget shows: the visitor's
answer, the follow-up, the thank-you and the helpful count
(templates/feedback/widget.html, through the feedback_widget tag; the vote's
JSON answer uses the same words)."""

from django.utils.translation import gettext as _

from . import stats, votes
from .models import Feedback
from .visitors import current_visitor

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


def shown_vote(request, article):
    """The answer the widget showed this request for `article` (read once)."""
    return getattr(request, "feedback_votes_shown", {}).get(article.pk)


def context(request, article):
    """What templates/feedback/widget.html needs. `personal` says
    the page shows this visitor's own answer (it must not be shared)."""
    visitor = current_visitor(request)
    vote = votes.vote_of(article, visitor) if visitor else None
    request.feedback_votes_shown = {article.pk: vote}
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
