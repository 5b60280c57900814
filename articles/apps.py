from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Help articles")

    def ready(self):
        from . import page_cache
        from .models import Article, Category, Feedback
        from .roles import ensure_editors_group

        # After django.contrib.auth has created this app's permissions.
        post_migrate.connect(ensure_editors_group, sender=self)

        # Shared reader pages show every article and category somewhere, and
        # vote counts (articles/page_cache.py).
        for signal in (post_save, post_delete):
            signal.connect(page_cache.content_changed, sender=Article)
            signal.connect(page_cache.content_changed, sender=Category)
            signal.connect(page_cache.feedback_changed, sender=Feedback)
