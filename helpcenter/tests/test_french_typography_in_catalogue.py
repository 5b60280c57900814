"""The French interface follows French typography: a non-breaking space
before : ; ! ? » and after «, and typographic apostrophes."""

import re
from pathlib import Path

from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES" / "django.po"


def french_messages():
    """Each translated message of the catalogue, its lines joined."""
    text = CATALOGUE.read_text(encoding="utf-8")
    for block in re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', text, re.M):
        yield "".join(re.findall(r'"(.*)"', block))


def test_no_ordinary_space_before_high_punctuation_or_around_guillemets():
    # "!!! note" is Markdown syntax quoted in the editors' help, not a "!".
    wrong = [
        message
        for message in french_messages()
        if re.search(r"[^\s] [;!?»]|\w :|« ", message) and "!!! note" not in message
    ]
    assert wrong == []


def test_apostrophes_are_typographic():
    wrong = [m for m in french_messages() if re.search(r"\w'\w", m)]
    assert wrong == []
