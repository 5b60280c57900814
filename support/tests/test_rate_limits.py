"""Requests are limited per address and per email address (shared cache)."""

import pytest

from support.models import SupportRequest

from .helpers import request_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "support_request": "3/h/ip,2/h/key",
    }


def send(client, address, email):
    return client.post("/fr/support/", request_data(email=email), REMOTE_ADDR=address)


def test_one_email_address_is_limited_whatever_the_network_address(client):
    answers = [
        send(client, f"10.0.0.{n}", "marie@example.com").status_code for n in (1, 2)
    ]
    refused = send(client, "10.0.0.3", "MARIE@example.com")
    assert answers == [303, 303]
    assert refused.status_code == 429
    assert SupportRequest.objects.count() == 2


def test_one_network_address_is_limited_whatever_the_email_address(client):
    answers = [
        send(client, "10.0.0.9", f"reader{n}@example.com").status_code for n in range(3)
    ]
    refused = send(client, "10.0.0.9", "someone@example.com")
    assert answers == [303, 303, 303]
    assert refused.status_code == 429
    assert SupportRequest.objects.count() == 3


def test_a_refused_form_does_not_use_up_the_limit(client):
    for _n in range(3):
        client.post("/fr/support/", request_data(subject=""), REMOTE_ADDR="10.0.1.1")
    assert send(client, "10.0.1.1", "marie@example.com").status_code == 303
