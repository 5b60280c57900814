from django.core.management.base import BaseCommand

from feedback.reads import flush_reads


class Command(BaseCommand):
    help = (
        "Move the article reads counted in the cache into the database (done "
        "about once a minute while readers come; run it before stopping Redis)."
    )

    def handle(self, *args, **options):
        moved = flush_reads()
        self.stdout.write(f"{moved} reads moved to the database.")
