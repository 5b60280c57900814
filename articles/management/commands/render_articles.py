from django.core.management.base import BaseCommand

from articles.models import Article
from articles.rendering import RenderError


class Command(BaseCommand):
    help = (
        "Render every article's Markdown again (after upgrading the renderer, "
        "or when a linked page has moved); report the ones with broken links."
    )

    def handle(self, *args, **options):
        rendered, broken = 0, 0
        for article in Article.objects.order_by("pk").iterator():
            try:
                article.save()
            except RenderError as error:
                broken += 1
                self.stderr.write(f"{article.key}: {error}")
            else:
                rendered += 1
        self.stdout.write(f"{rendered} rendered, {broken} with broken links")
