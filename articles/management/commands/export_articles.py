from django.core.management.base import BaseCommand

from articles.content_files import export_folder


class Command(BaseCommand):
    help = "Export categories and articles as Markdown files (the import format)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="folder to write into (created if missing)")

    def handle(self, *args, path, **options):
        written = export_folder(path)
        self.stdout.write(f"{len(written)} files written to {path}")
