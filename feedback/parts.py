"""Feedback's parts of the article page that are each reader's own
(helpcenter/page_parts.py): the "Did this answer your question?" widget,
which shows the reader's answer, and the "Contact support" link beside it,
which carries the reason of their No. A reader who has not answered sees
both as everyone does."""

from django.template.loader import render_to_string
from django.utils.translation import get_language

from helpcenter import page_cache, page_parts

from . import cache_tags, widget
from .visitors import vote_shown


def _answered_or_thanked(request, article_id, **args):
    return vote_shown(request, article_id) is not None or widget.just_sent(request)


@page_parts.register("feedback:widget", personal=_answered_or_thanked)
def feedback_widget(request, article_id, published):
    vote = vote_shown(request, article_id)
    if vote is not None:
        # The page shows this reader's own answer: no shared cache may keep it.
        page_cache.keep_private(request)

    def render():
        return render_to_string(
            "feedback/widget.html",
            {
                "article_id": article_id,
                "published": published,
                "feedback": widget.context(request, article_id),
            },
        )

    if widget.just_sent(request):
        return render()
    # The same for everyone with the same answer (and the counts, until the
    # next answer): rendered once per answer and language.
    shown = (vote.value, widget.asks_what_went_wrong(vote)) if vote else ("", False)
    return page_cache.fragment(
        f"widget:{article_id}:{get_language()}:{int(published)}:{shown[0]}:"
        f"{int(shown[1])}",
        [cache_tags.article_votes(article_id)],
        render,
    )


@page_parts.register(
    "feedback:support-link",
    personal=lambda request, article_id: bool(widget.reason_shown(request, article_id)),
)
def support_link(request, article_id):
    """The link of the article's "Still need help?", with the reason the
    widget above shows for this reader's No."""
    return render_to_string(
        "includes/support_link.html",
        {
            "article_id": article_id,
            "reason": widget.reason_shown(request, article_id),
            "class": "button",
            "carries_reason": True,
        },
    )
