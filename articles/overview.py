"""The help-center overview on the admin home: panels that each app adds
from its own AppConfig.ready(), so that articles needs none of them (what
needs attention here, low helpfulness from feedback, searches that found
nothing from search, and so on)."""

from django.db.models import Q
from django.utils import timezone

from . import editorial
from .models import DEFAULT_LANGUAGE, LANGUAGE_CODES, Article

# (template name, function giving its context): the order they are added.
_panels = []
ROWS = 5


def add_panel(template_name, context):
    """Show `template_name` on the admin home, with `context()` as `panel`."""
    _panels.append((template_name, context))


def panels():
    return [
        {"template": template_name, "panel": context()}
        for template_name, context in _panels
    ]


def needs_attention():
    """The articles app's panel: translations, links, review, schedules."""
    translations = [
        {
            "code": code,
            "outdated": editorial.with_freshness(
                Article.objects.all(), code, Article.Freshness.OUTDATED
            ).count(),
            "missing": editorial.with_freshness(
                Article.objects.all(), code, Article.Freshness.MISSING
            ).count(),
        }
        for code in LANGUAGE_CODES
        if code != DEFAULT_LANGUAGE
    ]
    articles = list(Article.objects.all())
    broken = [
        article
        for article in editorial.unresolved_links(articles)
        if article.render_problems()
    ]
    return {
        "translations": translations,
        "broken_links": broken[:ROWS],
        "broken_count": len(broken),
        "waiting": list(
            Article.objects.waiting_for_review()
            .select_related("submitted_by")
            .order_by("submitted_at")[:ROWS]
        ),
        "waiting_count": Article.objects.waiting_for_review().count(),
        "scheduled": list(
            Article.objects.filter(
                Q(working_copy__publish_at__isnull=False)
                | Q(status=Article.Status.PUBLISHED, publish_at__gt=timezone.now())
            )
            .select_related("working_copy")
            .order_by("key")[:ROWS]
        ),
    }
