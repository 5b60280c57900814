"""Feedback's parts of the knowledge base's pages: the "Did this answer your
question?" widget under each article and the home page's most helpful
articles."""

from django import template

from helpcenter import page_cache

from .. import stats, widget

register = template.Library()


@register.inclusion_tag("feedback/widget.html", takes_context=True)
def feedback_widget(context, article):
    request = context["request"]
    shown = widget.context(request, article)
    if shown["personal"]:
        # The page shows this reader's own answer: no shared cache may keep it.
        page_cache.keep_private(request)
    return {"article": article, "feedback": shown}


@register.simple_tag(takes_context=True)
def reason_given(context, article):
    """The reason of this reader's No about `article`, as the widget above
    on the page showed it ("" if none): the support link carries it."""
    vote = widget.shown_vote(context["request"], article)
    return vote.reason if vote is not None and vote.value == "no" else ""


@register.simple_tag
def most_helpful(articles):
    """The `articles` readers found most helpful, best first."""
    return stats.most_helpful(articles)
