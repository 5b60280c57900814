from pathlib import Path

import polib
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES"


def test_the_french_catalogue_is_complete_and_reviewed():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []


def test_the_compiled_french_catalogue_matches_its_source():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    mo = polib.mofile(str(CATALOGUE / "django.mo"))

    def messages(catalogue):
        return {
            (entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural
            for entry in catalogue
            if not entry.obsolete
        }

    assert messages(mo) == messages(po), "run: python manage.py compilemessages"


def test_every_placeholder_survives_translation():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    for entry in po.translated_entries():
        translations = (
            entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        )
        for text in translations:
            for placeholder in ("%(count)d", "%(link)s", "%(email)s", "%(query)s"):
                if placeholder in entry.msgid:
                    assert placeholder in text, (entry.msgid, text)
