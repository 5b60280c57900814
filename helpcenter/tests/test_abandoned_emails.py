"""An email whose worker dies while sending it (SIGKILL, out of memory, a
second SIGTERM) is queued again, as a failed attempt, and its task pruned
with the finished ones (issue #14): django-tasks-db would leave it RUNNING
for ever, never sent, its reset link kept in the database."""

import asyncio
import json
import os
import shutil
import sqlite3
import threading
import time
from contextlib import closing, contextmanager
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.tests.smtp import Inbox
from helpcenter.mail import requeue_abandoned_emails

from .servers import db_worker, free_port, manage


class Stall:
    """An SMTP server's handler that takes the message and never answers."""

    def __init__(self):
        self.receiving = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.receiving.set()
        await asyncio.sleep(3600)  # cancelled when the server stops


def wait_until(condition, what, timeout=10):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} within {timeout} s")
        time.sleep(0.1)


def tasks(database):
    """The queue, oldest first: (status, attempt, exception) per task."""
    with closing(sqlite3.connect(database)) as db:
        rows = db.execute(
            "SELECT status, args_kwargs, exception_class_path "
            "FROM django_tasks_database_dbtaskresult ORDER BY enqueued_at"
        ).fetchall()
    return [
        (status, attempt(json.loads(arguments)["args"]), exception)
        for status, arguments, exception in rows
    ]


def attempt(args):
    """deliver_email's `attempt` argument (the first one goes without)."""
    return args[1] if len(args) > 1 else 1


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    database = tmp_path_factory.mktemp("migrated") / "db.sqlite3"
    manage({**os.environ, "DATABASE_URL": f"sqlite:///{database}"}, "migrate", "-v0")
    return database


@pytest.fixture
def queue(migrated, tmp_path):
    """One email queued in a database this test's processes share (a file,
    whatever the pass); the environment they run with."""
    database = shutil.copy(migrated, tmp_path / "db.sqlite3")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "EMAIL_URL": f"smtp://127.0.0.1:{free_port()}",
    }
    manage(env, "sendtestemail", "marie@example.com")
    return database, env


@contextmanager
def smtp_server(handler, env):
    port = urlsplit(env["EMAIL_URL"]).port
    server = Controller(handler, hostname="127.0.0.1", port=port)
    server.start()
    try:
        yield handler
    finally:
        server.stop()


@contextmanager
def stalled_worker(env, output_dir):
    """A worker sending the email to an SMTP server that never answers."""
    with smtp_server(Stall(), env) as stall, db_worker(env, output_dir) as worker:
        wait_until(stall.receiving.is_set, "the worker sent no message")
        yield worker


def test_an_email_whose_worker_is_killed_mid_send_is_sent_again_then_pruned(
    queue, tmp_path
):
    database, env = queue
    with stalled_worker(env, tmp_path / "killed") as worker:
        worker.kill()
        worker.wait()
    assert tasks(database) == [("RUNNING", 1, "")]

    # Restarted at once, as by systemd, with 5 s instead of 10 minutes (and an
    # SMTP timeout below that): the email is too young to be taken for
    # abandoned when the worker starts, and is at its next pass.
    restarted = tmp_path / "restarted"
    quick = {"EMAIL_ABANDONED_AFTER": "5", "EMAIL_TIMEOUT": "2"}
    with smtp_server(Inbox(), env) as inbox, db_worker({**env, **quick}, restarted):
        wait_until(
            lambda: "Starting worker" in (restarted / "stderr.log").read_text(),
            "the worker did not start",
        )
        assert tasks(database) == [("RUNNING", 1, "")]
        wait_until(lambda: len(tasks(database)) == 2, "the email was not queued again")
        # Skip its retry delay (60 s; delays are tested in test_queued_mail.py).
        with closing(sqlite3.connect(database)) as db, db:
            db.execute(
                "UPDATE django_tasks_database_dbtaskresult "
                "SET run_after = '2000-01-01 00:00:00' WHERE status = 'READY'"
            )
        wait_until(lambda: inbox.messages, "the email was not delivered")
    [message] = inbox.messages
    assert message["To"] == "marie@example.com"
    assert (
        "not delivered (attempt 1: its worker did not finish sending it "
        "within 5 s); trying again in 60 s"
    ) in (restarted / "stderr.log").read_text()
    assert tasks(database) == [
        ("FAILED", 1, "helpcenter.mail.WorkerLost"),
        ("SUCCESSFUL", 2, ""),
    ]

    manage(env, "prune_db_task_results", "--min-age-days", "0")
    assert tasks(database) == []


def test_an_email_whose_worker_is_told_twice_to_stop_mid_send_is_queued_again(
    queue, tmp_path
):
    database, env = queue
    # A short SMTP timeout: the worker still says QUIT to the server on its
    # way out.
    env = {**env, "EMAIL_TIMEOUT": "2"}
    output = tmp_path / "stopped"
    with stalled_worker(env, output) as worker:
        worker.terminate()
        wait_until(
            lambda: "shutting down gracefully" in (output / "stderr.log").read_text(),
            "the worker did not start shutting down",
        )
        worker.terminate()
        worker.wait(timeout=10)
    assert tasks(database) == [
        ("FAILED", 1, "builtins.SystemExit"),
        ("READY", 2, ""),
    ]
    assert (
        "not delivered (attempt 1: its worker was stopped while sending it); "
        "trying again in 60 s"
    ) in (output / "stderr.log").read_text()


@pytest.fixture
def sending_since(settings, db):
    """Queue an email and have a worker take it, `seconds` ago."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # pytest-django keeps emails in memory; here they go the site's way.
    settings.EMAIL_BACKEND = "helpcenter.mail.QueuedEmailBackend"

    def send(seconds):
        mail.send_mail("Reset", "The link", None, ["marie@example.com"])
        DBTaskResult.objects.get().claim("worker-1")
        DBTaskResult.objects.update(
            started_at=timezone.now() - timedelta(seconds=seconds)
        )

    return send


def test_an_email_being_sent_for_less_than_the_timeout_is_left_to_its_worker(
    settings, sending_since
):
    sending_since(settings.EMAIL_ABANDONED_AFTER - 5)
    requeue_abandoned_emails()
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["RUNNING"]


def test_an_abandoned_last_attempt_is_given_up_and_logged(
    settings, sending_since, caplog
):
    settings.EMAIL_RETRY_DELAYS = []
    sending_since(settings.EMAIL_ABANDONED_AFTER + 5)
    with caplog.at_level("WARNING", logger="helpcenter.mail"):
        requeue_abandoned_emails()
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["FAILED"]
    [line] = [record.getMessage() for record in caplog.records]
    assert line == (
        "email 'Reset' not delivered after 1 attempts: "
        "its worker did not finish sending it within 600 s"
    )
