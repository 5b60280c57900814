"""Emails leave through a task queue, so a reader asking for a reset link
never waits on, or fails because of, the SMTP server; a failed delivery is
tried again later (django-tasks does not retry by itself).

`EMAIL_BACKEND` is `QueuedEmailBackend`; the transport that really delivers
is `EMAIL_DELIVERY_BACKEND` (from `EMAIL_URL`). With the embedded default
(django-tasks' immediate backend) delivery happens at once, in the request;
in production the database backend queues it for `manage.py db_worker`,
which also queues again the emails of a worker that died while sending
(`requeue_abandoned_emails`)."""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

logger = logging.getLogger(__name__)


def _to_payload(message):
    """The message as JSON-ready data (task arguments are stored as JSON)."""
    if message.attachments:
        raise ValueError("Queued emails cannot carry attachments.")
    return {
        "subject": message.subject,
        "body": message.body,
        "content_subtype": message.content_subtype,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [
            [content, mimetype]
            for content, mimetype in getattr(message, "alternatives", [])
        ],
    }


def _from_payload(payload):
    message = EmailMultiAlternatives(
        subject=payload["subject"],
        body=payload["body"],
        from_email=payload["from_email"],
        to=payload["to"],
        cc=payload["cc"],
        bcc=payload["bcc"],
        reply_to=payload["reply_to"],
        headers=payload["headers"],
        alternatives=[tuple(pair) for pair in payload["alternatives"]],
    )
    message.content_subtype = payload["content_subtype"]
    return message


@task()
def deliver_email(payload, attempt=1):
    """Send one message; on a delivery failure, queue the next attempt."""
    connection = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
    try:
        connection.send_messages([_from_payload(payload)])
    except (OSError, smtplib.SMTPException) as error:
        _retry_later(payload, attempt, error=error)
        raise
    except SystemExit:
        # The worker told to stop at once (a second SIGTERM) while waiting on
        # the server: it records the task as failed, never to be tried again.
        _retry_later(
            payload,
            attempt,
            error=WorkerLost("its worker was stopped while sending it"),
        )
        raise


class WorkerLost(Exception):
    """The worker stopped (killed, out of memory, told to stop at once)
    while sending."""


def requeue_abandoned_emails():
    """Fail the emails still being sent `EMAIL_ABANDONED_AFTER` seconds
    after a worker took them, and queue their next attempt.

    django-tasks-db leaves the task of a worker that dies mid-send RUNNING
    for ever: the email would never leave, and `prune_db_task_results`, which
    deletes finished tasks only, would keep its reset link. A worker merely
    slow is taken for dead too, and its email may arrive twice: hence a
    timeout far above what one send can take."""
    timeout = settings.EMAIL_ABANDONED_AFTER
    error = WorkerLost(f"its worker did not finish sending it within {timeout} s")
    abandoned = DBTaskResult.objects.running().filter(
        task_path=deliver_email.module_path,
        started_at__lt=timezone.now() - timedelta(seconds=timeout),
    )
    # Locked like the worker's claim (exclusive on SQLite): of two workers
    # looking at once, one queues the email again.
    with exclusive_transaction(abandoned.db):
        for result in abandoned.select_for_update(skip_locked=True):
            result.set_failed(error)
            _retry_later(
                *result.args_kwargs["args"], **result.args_kwargs["kwargs"], error=error
            )


def _retry_later(payload, attempt=1, *, error):
    """Queue the attempt after `attempt`; takes deliver_email's arguments as
    they were queued."""
    delays = settings.EMAIL_RETRY_DELAYS
    retry = deliver_email
    # The body holds single-use links: log what was tried, never the content.
    if not retry.get_backend().supports_defer:
        # The immediate backend (the demo) would try again at once, in the
        # reader's request: no retry without a queue.
        logger.error(
            "email %r not delivered: %s (no queue to try again later: "
            "set TASKS_BACKEND)",
            payload["subject"],
            error,
        )
        return
    if attempt > len(delays):
        logger.error(
            "email %r not delivered after %d attempts: %s",
            payload["subject"],
            attempt,
            error,
        )
        return
    delay = delays[attempt - 1]
    logger.warning(
        "email %r not delivered (attempt %d: %s); trying again in %d s",
        payload["subject"],
        attempt,
        error,
        delay,
    )
    retry.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
        payload, attempt + 1
    )


class QueuedEmailBackend(BaseEmailBackend):
    """Hands each message to the task queue instead of sending it."""

    def send_messages(self, email_messages):
        for message in email_messages:
            deliver_email.enqueue(_to_payload(message))
        return len(email_messages)
