from django.conf import settings
from django.core.management.base import BaseCommand

from articles.content_files import import_folder

from .import_articles import print_report


class Command(BaseCommand):
    help = "Load the demo help articles from content/ (safe to run again)."

    def handle(self, *args, **options):
        print_report(self, import_folder(settings.BASE_DIR / "content"))
