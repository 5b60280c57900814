from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save, pre_delete
from django.utils.translation import pgettext_lazy


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = pgettext_lazy("admin section", "Search")

    def ready(self):
        from articles import editorial, overview, roles
        from articles.models import Article

        from . import engine, synonyms
        from .models import SearchDocument, Synonym

        # Inside Article.save()'s transaction: the index changes with the
        # article or not at all. Deleting an article deletes its documents
        # (foreign key), and their words from the vocabulary's counts.
        post_save.connect(SearchDocument.objects.article_saved, sender=Article)
        pre_delete.connect(SearchDocument.objects.article_deleted, sender=Article)
        synonyms.connect(Synonym)
        editorial.add_health_section(
            "admin/search/health_section.html", engine.fruitless_searches_section
        )
        overview.add_panel(
            "admin/search/overview_panel.html", engine.fruitless_searches_section
        )
        post_migrate.connect(
            roles.editors_may(
                self.label,
                [
                    "view_searchquery",
                    *(
                        f"{action}_synonym"
                        for action in ("view", "add", "change", "delete")
                    ),
                ],
            ),
            sender=self,
            weak=False,
        )
