from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Help articles")

    def ready(self):
        from helpcenter import page_cache
        from helpcenter.database_cache import create_cache_table

        from . import overview
        from .cache_tags import content_changed
        from .models import Article, Category, WorkingCopy
        from .roles import ensure_editors_group, ensure_publishers_group

        # After django.contrib.auth has created this app's permissions.
        post_migrate.connect(ensure_editors_group, sender=self)
        post_migrate.connect(ensure_publishers_group, sender=self)
        # helpcenter has no models, hence no post_migrate: the site's cache
        # table comes with the app every other one builds on.
        post_migrate.connect(create_cache_table, sender=self)

        # Shared reader pages show every article and category somewhere.
        for signal in (post_save, post_delete):
            signal.connect(content_changed, sender=Article)
            signal.connect(content_changed, sender=Category)
        # A scheduled article changes pages when it goes live.
        page_cache.add_deadline(Article.objects.next_publication)
        page_cache.add_deadline(WorkingCopy.objects.next_due)
        overview.add_panel(
            "admin/articles/overview_attention.html", overview.needs_attention
        )
