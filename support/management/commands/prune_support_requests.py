from django.conf import settings
from django.core.management.base import BaseCommand

from support import deflection, retention


class Command(BaseCommand):
    help = (
        "Delete support requests older than SUPPORT_RETENTION_DAYS and count "
        "the suggestions opened without a request since as requests avoided. "
        "Run it daily, beside prune_db_task_results."
    )

    def handle(self, *args, **options):
        avoided = deflection.flush()
        deleted = retention.prune_requests()
        self.stdout.write(
            f"{deleted} support request(s) older than "
            f"{settings.SUPPORT_RETENTION_DAYS} days deleted; "
            f"{avoided} request(s) avoided counted."
        )
