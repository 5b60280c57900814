"""One glossary per language (docs/glossary.<lang>.md): the terms in its
"Avoid" column appear nowhere in that language's interface, catalogue or
demo articles."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from accounts.tests.helpers import make_account

ROOT = Path(settings.BASE_DIR)
# The account pages, where allauth's own words used to show through.
ACCOUNT_PAGES = [
    "accounts/login/",
    "accounts/signup/",
    "accounts/confirm-email/",
    "accounts/password/reset/",
    "accounts/username/recover/",
]
SIGNED_IN_PAGES = ["accounts/email/", "accounts/password/change/", "accounts/logout/"]


def avoided(language):
    """The terms of the glossary's last column, written `like this`."""
    text = (ROOT / "docs" / f"glossary.{language}.md").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| ")][2:]
    last_columns = [row.split("|")[-2] for row in rows]
    return [
        term for column in last_columns for term in re.findall(r"`([^`]+)`", column)
    ]


def found(terms, text):
    return [t for t in terms if re.search(rf"(?<!\w){re.escape(t)}(?!\w)", text)]


def visible_text(html):
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"<[^>]+>", " ", main)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_each_language_has_a_glossary_with_terms_to_avoid(language):
    assert len(avoided(language)) >= 10


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_demo_articles_use_the_glossarys_words(language):
    wrong = {
        path.name: terms
        for path in sorted((ROOT / "content").glob(f"*.{language}.md"))
        if (terms := found(avoided(language), path.read_text(encoding="utf-8")))
    }
    assert wrong == {}


def test_the_french_catalogue_uses_the_glossarys_words():
    text = (ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po").read_text("utf-8")
    translations = "\n".join(re.findall(r'^msgstr(?:\[\d\])? (".*")$', text, re.M))
    assert found(avoided("fr"), translations) == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_account_pages_use_the_glossarys_words(language):
    visitor, member = Client(), Client()
    member.force_login(make_account())
    pages = [(visitor, path) for path in ACCOUNT_PAGES]
    pages += [(member, path) for path in SIGNED_IN_PAGES]
    wrong = {}
    for client, path in pages:
        html = client.get(f"/{language}/{path}").content.decode()
        if terms := found(avoided(language), visible_text(html)):
            wrong[path] = terms
    assert wrong == {}
