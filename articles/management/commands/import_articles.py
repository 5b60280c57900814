from django.core.management.base import BaseCommand, CommandError

from articles.content_files import ContentError, import_folder


def print_report(command, report):
    for outcome in ("created", "updated", "unchanged"):
        for label in getattr(report, outcome):
            command.stdout.write(f"{outcome}: {label}")
    for label, reason in report.rejected:
        command.stderr.write(f"rejected: {label}: {reason}")
    command.stdout.write(
        f"{len(report.created)} created, {len(report.updated)} updated, "
        f"{len(report.unchanged)} unchanged, {len(report.rejected)} rejected"
    )
    if report.rejected:
        raise CommandError("some files were rejected; the others were imported")


class Command(BaseCommand):
    help = "Import categories and articles from a folder of Markdown files."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", help="folder with categories.yaml and <key>.<lang>.md"
        )
        parser.add_argument(
            "--draft",
            action="store_true",
            help="readers see nothing new: changes to live articles become "
            "their working copies, other articles are imported as drafts",
        )

    def handle(self, *args, path, draft, **options):
        try:
            report = import_folder(path, draft=draft)
        except ContentError as error:
            raise CommandError(str(error)) from error
        print_report(self, report)
