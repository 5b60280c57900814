"""Synonyms editors manage per language, applied at query time."""

import pytest
from django.contrib.auth.models import Group

from articles.tests.helpers import make_article
from search import engine
from search.models import Synonym

pytestmark = pytest.mark.django_db


def keys(results):
    return [hit.article.key for hit in results.hits]


def test_a_word_finds_the_phrase_it_stands_for_and_back():
    article = make_article(title_fr="Changer de mot de passe", body_fr="")
    Synonym.objects.create(language="fr", terms="mdp, mot de passe")
    assert keys(engine.search("mdp oublié", "fr")) == [article.key]
    two_step = make_article(title_en="Turn on 2FA", body_en="")
    Synonym.objects.create(language="en", terms="2fa, two-step verification")
    assert keys(engine.search("two step verification", "en")) == [two_step.key]


def test_a_phrase_finds_its_synonym_phrase():
    article = make_article(title_en="Can't log in?", body_en="")
    Synonym.objects.create(language="en", terms="sign in, log in")
    assert keys(engine.search("unable to sign in", "en")) == [article.key]


def test_synonyms_apply_to_their_language_only():
    make_article(title_en="Password", title_fr="Mot de passe", body_fr="")
    Synonym.objects.create(language="fr", terms="mdp, mot de passe")
    assert engine.search("mdp", "en").total == 0


def test_a_new_synonym_applies_at_once_without_reindexing(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    article = make_article(title_en="Turn on two-step verification", body_en="")
    assert engine.search("2fa", "en").total == 0
    synonym = Synonym.objects.create(language="en", terms="2fa, two-step verification")
    assert keys(engine.search("2fa", "en")) == [article.key]
    synonym.delete()
    assert engine.search("2fa", "en").total == 0


def test_words_of_synonyms_are_not_corrected_as_typos():
    make_article(title_en="Sign up", body_en="")
    Synonym.objects.create(language="en", terms="signon, sign up")
    assert engine.search("signon", "en").corrected == ""


def test_the_matched_synonym_is_highlighted():
    make_article(title_fr="Changer le mot de passe", body_fr="")
    Synonym.objects.create(language="fr", terms="mdp, mot de passe")
    [hit] = engine.search("mdp", "fr").hits
    assert hit.title == "Changer le <mark>mot</mark> de <mark>passe</mark>"


def test_editors_manage_synonyms_in_the_admin(client, django_user_model):
    editor = django_user_model.objects.create_user(
        "editor", password="an editor's passphrase", is_staff=True
    )
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    response = client.post(
        "/admin/search/synonym/add/",
        {"language": "fr", "terms": "mdp, mot de passe"},
    )
    assert response.status_code == 302
    assert Synonym.objects.get().terms == "mdp, mot de passe"


def test_a_synonym_needs_two_expressions(admin_client):
    response = admin_client.post(
        "/admin/search/synonym/add/", {"language": "en", "terms": "2fa, ,"}
    )
    assert response.status_code == 200
    assert "at least two words or phrases" in response.content.decode()
    assert not Synonym.objects.exists()
