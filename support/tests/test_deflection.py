"""Requests avoided: a suggested article opened from the form, and no
request sent from that form within the window (30 minutes)."""

import io
import re
from datetime import timedelta
from html import unescape

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.tests.helpers import make_article
from helpcenter.tests.test_bad_input import rows
from support import deflection
from support.models import SuggestionOpened, SupportDay

from .helpers import request_data

pytestmark = pytest.mark.django_db

DRAFT = "abcdefghijklmnopqrstuv"


@pytest.fixture
def article():
    return make_article(title_en="Log in", title_fr="Se connecter")


def suggestion_links(client, subject="Se connecter"):
    """The links of the "Next" step's suggestions."""
    page = client.post(
        "/fr/support/", request_data(subject=subject, step="review", draft=DRAFT)
    ).content.decode()
    return [
        unescape(href)
        for href in re.findall(r'href="(/fr/support/suggested/[^"]+)"', page)
    ]


def later(minutes):
    return timezone.now() + timedelta(minutes=minutes)


def test_a_suggestion_leads_to_its_article(client, article):
    [link] = suggestion_links(client)
    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"] == article.url_in("fr")


def test_a_suggestion_opened_and_no_request_sent_counts_as_avoided(client, article):
    client.get(suggestion_links(client)[0])
    assert deflection.flush(now=later(31)) == 1
    day = SupportDay.objects.get()
    assert (day.article, day.language, day.avoided) == (article, "fr", 1)
    assert SuggestionOpened.objects.count() == 0


def test_a_suggestion_is_not_counted_before_the_window_has_passed(client, article):
    client.get(suggestion_links(client)[0])
    assert deflection.flush(now=later(29)) == 0
    assert not SupportDay.objects.filter(avoided__gt=0).exists()


def test_a_reader_who_comes_back_and_sends_avoided_nothing(client, article, smtp_inbox):
    client.get(suggestion_links(client)[0])
    client.post("/fr/support/", request_data(draft=DRAFT))
    deflection.flush(now=later(31))
    assert not SupportDay.objects.filter(avoided__gt=0).exists()


def test_a_suggestion_opened_twice_from_one_form_counts_once(client, article):
    link = suggestion_links(client)[0]
    client.get(link)
    client.get(link)
    deflection.flush(now=later(31))
    assert SupportDay.objects.get().avoided == 1


def test_the_window_is_a_setting(client, article, settings):
    settings.SUPPORT_DEFLECTION_MINUTES = 5
    client.get(suggestion_links(client)[0])
    assert deflection.flush(now=later(6)) == 1


def test_a_made_up_suggestion_link_is_refused_and_counts_nothing(client, article):
    before = rows()
    token = deflection.suggestion_token(article.pk, DRAFT, "fr")
    response = client.get("/fr/support/suggested/", {"t": token[:-2] + "xx"})
    assert response.status_code == 400
    assert rows() == before


def test_the_daily_command_counts_what_the_window_has_closed_on(client, article):
    client.get(suggestion_links(client)[0])
    SuggestionOpened.objects.update(opened_at=later(-31))
    call_command("prune_support_requests", stdout=io.StringIO())
    assert SupportDay.objects.get().avoided == 1


def test_live_suggestions_carry_counted_links(client, article):
    response = client.get(
        "/fr/support/suggestions/", {"q": "connecter", "draft": DRAFT}
    )
    [found] = response.json()["suggestions"]
    assert found["title"] == "Se connecter"
    assert found["url"].startswith("/fr/support/suggested/?t=")
    assert "no-store" in response["Cache-Control"]
