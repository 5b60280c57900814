import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from articles.templatetags.help_center import updated_phrase

NOW = datetime.datetime(2026, 11, 27, 15, 0, tzinfo=datetime.UTC)


def ago(**delta):
    return NOW - datetime.timedelta(**delta)


@pytest.mark.parametrize(
    ("moment", "english", "french"),
    [
        (ago(hours=3), "Updated today", "Mis à jour aujourd’hui"),
        (ago(days=1), "Updated yesterday", "Mis à jour hier"),
        (ago(days=4), "Updated this week", "Mis à jour cette semaine"),
        (ago(days=7), "Updated 1 week ago", "Mis à jour il y a 1 semaine"),
        (ago(days=22), "Updated 3 weeks ago", "Mis à jour il y a 3 semaines"),
        (ago(days=40), "Updated over a month ago", "Mis à jour il y a plus d’un mois"),
        (ago(days=95), "Updated 3 months ago", "Mis à jour il y a 3 mois"),
        (ago(days=400), "Updated over a year ago", "Mis à jour il y a plus d’un an"),
    ],
)
def test_updated_phrase_reads_like_a_help_center(moment, english, french):
    with translation.override("en"):
        assert updated_phrase(moment, now=NOW) == english
    with translation.override("fr"):
        assert updated_phrase(moment, now=NOW) == french


def test_yesterday_is_a_calendar_day_not_24_hours():
    late_yesterday = datetime.datetime(2026, 11, 26, 23, 30, tzinfo=datetime.UTC)
    early_today = datetime.datetime(2026, 11, 27, 0, 30, tzinfo=datetime.UTC)
    with translation.override("en"):
        assert updated_phrase(late_yesterday, now=early_today) == "Updated yesterday"


def test_updated_tag_wraps_the_phrase_in_time_with_the_exact_date():
    moment = timezone.now() - datetime.timedelta(days=2)
    with translation.override("fr"):
        html = Template("{% load help_center %}{% updated moment %}").render(
            Context({"moment": moment})
        )
    assert f'datetime="{moment.replace(microsecond=0).isoformat()}"' in html
    assert f'title="{moment.day} ' in html
    assert ">Mis à jour cette semaine</time>" in html


def test_updated_tag_shows_the_exact_date_as_text_not_only_as_a_tooltip():
    moment = datetime.datetime(2026, 11, 3, 12, tzinfo=datetime.UTC)
    with translation.override("fr"):
        html = Template("{% load help_center %}{% updated moment %}").render(
            Context({"moment": moment})
        )
    assert '<span class="updated-date">· 3 novembre 2026</span>' in html
