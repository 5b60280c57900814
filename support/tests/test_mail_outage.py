"""A request sent while SMTP is down is kept and delivered once it is back."""

import time

import pytest

from accounts.tests.smtp import start_smtp_server
from helpcenter.tests.test_queued_mail import run_worker
from support.models import SupportRequest

from .helpers import request_data

# The worker closes its database connection between tasks, as in production.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_RETRY_DELAYS = [1]


def test_a_request_sent_while_smtp_is_down_reaches_support_once_it_is_back(
    client, settings, queue
):
    controller, inbox = start_smtp_server(settings)
    port = controller.port
    controller.stop()

    response = client.post("/fr/support/", request_data())
    assert response.status_code == 303
    run_worker()
    assert inbox.messages == []
    assert SupportRequest.objects.get().message == request_data()["message"]

    controller, _ = start_smtp_server(settings, port=port, inbox=inbox)
    try:
        time.sleep(1.2)  # the retry delay
        run_worker()
    finally:
        controller.stop()
    to_support = [m for m in inbox.messages if m["To"] == "support@example.com"]
    assert len(to_support) == 1
    assert to_support[0]["Reply-To"] == "marie@example.com"
    assert request_data()["message"] in inbox.text_of(to_support[0])
    assert [m["To"] for m in inbox.messages].count("marie@example.com") == 1


def test_without_a_queue_a_request_is_kept_when_smtp_is_down(client, settings):
    # The embedded default sends in the request: the failure is logged, and
    # the request is still stored for the staff to read in the admin.
    controller, inbox = start_smtp_server(settings)
    controller.stop()
    response = client.post("/fr/support/", request_data())
    assert response.status_code == 303
    assert SupportRequest.objects.get().subject == request_data()["subject"]
    assert inbox.messages == []
