"""The support form: what it accepts, what it refuses, and what it writes."""

import pytest

from articles.tests.helpers import make_article
from helpcenter.tests.test_bad_input import ODD, rows
from support.forms import SupportForm
from support.models import SupportRequest

from .helpers import request_data

pytestmark = pytest.mark.django_db


def errors_of(**changes):
    form = SupportForm(request_data(**changes))
    form.is_valid()
    return form.errors


def test_a_complete_form_is_valid():
    assert errors_of() == {}


@pytest.mark.parametrize("field", ["email", "subject", "message"])
def test_address_subject_and_message_are_required(field):
    assert field in errors_of(**{field: ""})


@pytest.mark.parametrize(
    "subject", ["Help\r\nBcc: victim@example.com", "Help\nme", "Help\rme", "a\x0bb"]
)
def test_line_breaks_in_the_subject_are_refused(subject):
    assert errors_of(subject=subject)["subject"] == [
        "This field must be on one line, without control characters."
    ]


@pytest.mark.parametrize(
    "email", ["marie@example.com\r\nBcc: victim@example.com", "marie@example.com\n"]
)
def test_line_breaks_in_the_address_are_refused(email):
    assert "email" in errors_of(email=email)


def test_line_breaks_in_the_message_are_kept_as_lf():
    form = SupportForm(request_data(message="First line\r\nsecond line"))
    assert form.is_valid()
    assert form.cleaned_data["message"] == "First line\nsecond line"


def test_a_message_over_5000_characters_is_refused_with_its_length():
    assert errors_of(message="x" * 5001)["message"] == [
        "Keep it to 5000 characters (it has 5001)."
    ]


def test_a_message_of_5000_characters_with_crlf_line_breaks_is_accepted():
    assert "message" not in errors_of(message="x" * 4000 + "\r\n" * 1000)


def test_a_subject_over_150_characters_is_refused():
    assert "subject" in errors_of(subject="x" * 151)


def test_a_nul_byte_is_refused():
    assert "message" in errors_of(message="Hello\x00 world, more text")


def test_an_unpublished_article_is_refused():
    article = make_article(status="draft")
    assert "article" in errors_of(article=str(article.pk))


def test_an_unknown_reason_is_refused():
    article = make_article()
    assert "reason" in errors_of(article=str(article.pk), reason="because")


def test_a_made_up_draft_id_is_dropped():
    form = SupportForm(request_data(draft="not a draft id"))
    assert form.is_valid()
    assert form.cleaned_data["draft"] == ""


def test_a_refused_form_is_a_400_that_says_why_and_writes_nothing(client):
    before = rows()
    response = client.post("/fr/support/", request_data(email="not an address"))
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="field-errors"' in page
    assert "name@example.com" in page
    assert rows() == before
    assert SupportRequest.objects.count() == 0


@pytest.mark.parametrize("value", ODD)
@pytest.mark.parametrize(
    "field", ["email", "subject", "message", "article", "reason", "draft", "step"]
)
def test_odd_input_is_refused_or_stored_whole_never_a_server_error(
    client, field, value, smtp_inbox
):
    before = rows()
    response = client.post("/fr/support/", request_data(**{field: value}))
    assert response.status_code < 500
    if response.status_code >= 400:
        assert rows() == before
    elif SupportRequest.objects.exists():
        assert SupportRequest.objects.get().message == request_data(**{field: value})[
            "message"
        ].replace("\r\n", "\n")


def test_a_get_with_odd_context_opens_the_form(client):
    for query in ("article=-1", "article=١٢", "article=" + "9" * 40, "reason=%00x"):
        assert client.get(f"/fr/support/?{query}").status_code in (200, 400)
