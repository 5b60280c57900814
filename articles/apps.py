from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Help articles")

    def ready(self):
        from .roles import ensure_editors_group

        # After django.contrib.auth has created this app's permissions.
        post_migrate.connect(ensure_editors_group, sender=self)
