"""Emails survive an SMTP outage: queued, tried again, delivered later."""

import io
import time

import pytest
from django.core.management import call_command

from accounts.tests.helpers import make_account
from accounts.tests.smtp import start_smtp_server

# The worker closes its database connection between tasks, as in production:
# the tests cannot run inside one transaction.
pytestmark = pytest.mark.django_db(transaction=True)


def run_worker():
    """What `manage.py db_worker` does in production, until the queue is idle."""
    call_command(
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        stdout=io.StringIO(),
    )


@pytest.fixture
def queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_RETRY_DELAYS = [1]


def test_a_reset_asked_while_smtp_is_down_is_delivered_once_it_is_back(
    client, settings, queue
):
    make_account()
    controller, inbox = start_smtp_server(settings)
    port = controller.port
    controller.stop()

    response = client.post(
        "/fr/accounts/password/reset/", {"email": "marie@example.com"}
    )
    assert response.status_code == 302
    run_worker()
    assert inbox.messages == []

    controller, _ = start_smtp_server(settings, port=port, inbox=inbox)
    try:
        time.sleep(1.2)  # the retry delay
        run_worker()
    finally:
        controller.stop()
    [message] = inbox.messages
    assert message["To"] == "marie@example.com"
    assert "/fr/accounts/password/reset/key/" in inbox.text_of(message)


def test_delivery_gives_up_after_the_last_retry_and_says_so(
    client, settings, queue, caplog
):
    make_account()
    controller, _inbox = start_smtp_server(settings)
    controller.stop()
    settings.EMAIL_RETRY_DELAYS = [0]
    client.post("/fr/accounts/password/reset/", {"email": "marie@example.com"})
    with caplog.at_level("WARNING", logger="helpcenter.mail"):
        run_worker()
    messages = [record.getMessage() for record in caplog.records]
    assert any("trying again in 0 s" in line for line in messages)
    assert any("not delivered after 2 attempts" in line for line in messages)
    assert not any("/password/reset/key/" in line for line in messages)


def test_the_embedded_default_delivers_at_once(client, smtp_inbox):
    make_account()
    client.post("/fr/accounts/password/reset/", {"email": "marie@example.com"})
    assert len(smtp_inbox.messages) == 1


def test_the_embedded_default_does_not_retry_in_the_readers_request(
    client, settings, caplog
):
    # No queue: trying again would happen at once, in the request.
    make_account()
    controller, _inbox = start_smtp_server(settings)
    controller.stop()
    with caplog.at_level("WARNING", logger="helpcenter.mail"):
        response = client.post(
            "/fr/accounts/password/reset/", {"email": "marie@example.com"}
        )
    assert response.status_code == 302
    messages = [
        record.getMessage()
        for record in caplog.records
        if record.name == "helpcenter.mail"
    ]
    assert len(messages) == 1
    assert "no queue to try again later" in messages[0]
