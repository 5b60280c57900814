from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_delete, post_migrate, post_save, pre_delete
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Feedback")

    def ready(self):
        from articles import editorial, overview, roles
        from helpcenter import page_cache

        from . import cache_tags, parts, stats  # noqa: F401 (parts registers)
        from .models import Feedback, anonymise_feedback
        from .visitors import has_answered

        pre_delete.connect(anonymise_feedback, sender=settings.AUTH_USER_MODEL)
        for signal in (post_save, post_delete):
            signal.connect(cache_tags.feedback_changed, sender=Feedback)
        # The home page lists the most helpful articles; an article's page
        # shows its counts, and the reader's own answer once they gave one.
        page_cache.extend("articles:home", cache_tags.ALL_VOTES)
        page_cache.extend(
            "articles:article", cache_tags.article_votes, unless=has_answered
        )
        editorial.add_health_section(
            "admin/feedback/health_section.html", stats.least_helpful_section
        )
        overview.add_panel(
            "admin/feedback/overview_panel.html", stats.least_helpful_section
        )
        post_migrate.connect(
            roles.editors_may(self.label, ["view_feedback"]), sender=self, weak=False
        )
