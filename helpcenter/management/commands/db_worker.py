"""django-tasks-db's worker, which also queues again the emails of a worker
that died while sending them: when it starts, then every minute (a worker
restarted at once finds them too young to be taken for abandoned). It takes
the original's name, so that every deployment that runs a worker recovers
emails without a change; `helpcenter` comes before `django_tasks_db` in
INSTALLED_APPS for that."""

import logging
import threading

from django.conf import settings
from django.db import close_old_connections, connections
from django_tasks_db.management.commands import db_worker

from helpcenter.mail import requeue_abandoned_emails

logger = logging.getLogger(__name__)


class Command(db_worker.Command):
    help = (
        "Run a database background worker; emails whose worker died while "
        "sending them are queued again."
    )

    def handle(self, *args, **options):
        requeue_abandoned_emails()
        stop = threading.Event()
        recovery = threading.Thread(target=self.requeue_until, args=[stop])
        recovery.start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
            recovery.join()

    def requeue_until(self, stop):
        # More often when emails are taken for abandoned sooner.
        period = min(60, settings.EMAIL_ABANDONED_AFTER)
        try:
            while not stop.wait(period):
                close_old_connections()
                try:
                    requeue_abandoned_emails()
                except Exception:
                    # A database that does not answer: the worker goes on,
                    # and so does the recovery, at the next pass.
                    logger.exception("abandoned emails not queued again")
        finally:
            connections.close_all()
