import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles import links, rendering
from articles.models import Article

from .helpers import make_article, make_category

pytestmark = pytest.mark.django_db


def test_slugs_are_made_from_each_language_title():
    article = make_article(title_en="Change your password", title_fr="Changer le mot")
    assert article.slug_en == "change-your-password"
    assert article.slug_fr == "changer-le-mot"


def test_a_missing_translation_stores_a_null_slug_so_it_never_collides():
    first = make_article(title_fr="", body_fr="", summary_fr="")
    second = make_article(title_fr="", body_fr="", summary_fr="")
    assert first.slug_fr is None
    assert second.slug_fr is None


def test_the_same_slug_is_allowed_in_two_languages():
    article = make_article(slug_en="compte", slug_fr="compte")
    assert (article.slug_en, article.slug_fr) == ("compte", "compte")


def test_slugs_are_unique_per_language():
    make_article(slug_fr="meme-slug")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(slug_fr="meme-slug")


def test_generated_slugs_avoid_existing_ones():
    make_article(title_en="Same title")
    assert make_article(title_en="Same title").slug_en == "same-title-2"


def test_duplicate_slug_is_a_validation_error_naming_the_field():
    make_article(slug_fr="pris")
    article = make_article()
    article.slug_fr = "pris"
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "slug_fr" in str(error.value)


def test_a_published_article_needs_a_title_in_the_default_language():
    article = Article(
        key="untitled", category=make_category(), status=Article.Status.PUBLISHED
    )
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "title_en" in error.value.message_dict


def test_a_scheduled_article_needs_a_title_in_the_default_language_too():
    article = Article(
        key="untitled-later",
        category=make_category(),
        status=Article.Status.PUBLISHED,
        publish_at=timezone.now() + datetime.timedelta(days=1),
        title_fr="Plus tard",
    )
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert list(error.value.message_dict) == ["title_en"]


def test_a_draft_needs_no_title():
    Article(key="untitled-draft", category=make_category()).full_clean()


def test_a_broken_link_is_a_validation_error_naming_link_and_language():
    article = make_article()
    article.body_fr = "[x](route:nope)"
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert list(error.value.message_dict) == ["body_fr"]
    assert "route:nope" in error.value.message_dict["body_fr"][0]


def test_a_broken_default_text_is_reported_once_not_for_each_fallback():
    article = make_article(title_fr="", summary_fr="", body_fr="")
    article.body_en = "[x](route:nope)"
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert list(error.value.message_dict) == ["body_en"]


def test_clean_then_save_renders_each_language_once(monkeypatch):
    article = make_article()
    article.body_en += "\n\nMore."
    article.body_fr += "\n\nPlus."
    calls = []
    real_render = rendering.render

    def counting_render(source, language, *resolvers):
        calls.append(language)
        return real_render(source, language, *resolvers)

    monkeypatch.setattr(rendering, "render", counting_render)
    article.full_clean()
    article.save()
    assert sorted(calls) == ["en", "fr"]
    assert "More." in article.body_html_en
    assert "Plus." in article.body_html_fr


def test_a_rendering_is_not_reused_outside_its_import_batch():
    article = make_article()
    article.body_en = "[Next](article:not-yet-imported)"
    with links.articles_pending(["not-yet-imported"]):
        article.full_clean()
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert list(error.value.message_dict) == ["body_en"]


def test_saving_again_follows_the_linked_article_to_its_new_url():
    target = make_article(key="target")
    linking = make_article(body_en="[Go](article:target)")
    target.slug_en = "moved"
    target.save()
    linking.save()
    assert f'href="/en/articles/{target.pk}-moved/"' in linking.body_html_en


def test_rendered_html_and_toc_are_stored_per_language_at_save():
    article = make_article(body_en="## One\n\n## Two", body_fr="## Un\n\n## Deux")
    assert '<h2 id="one">One</h2>' in article.body_html_en
    assert '<h2 id="un">Un</h2>' in article.body_html_fr
    assert 'href="#deux"' in article.toc_html_fr


def test_a_missing_translation_renders_the_default_text_with_reader_links():
    article = make_article(
        title_fr="", summary_fr="", body_fr="", body_en="[Reset](route:account_login)"
    )
    assert 'href="/fr/accounts/login/"' in article.body_html_fr
    assert 'href="/en/accounts/login/"' in article.body_html_en
    assert article.translated_languages() == ["en"]


def test_editing_french_never_touches_the_english_text_or_date():
    article = make_article()
    english = {f: getattr(article, f"{f}_en") for f in ("title", "summary", "body")}
    english_stamp = article.content_updated_at_en
    article.body_fr = "Nouveau texte."
    article.save()
    article.refresh_from_db()
    assert {f: getattr(article, f"{f}_en") for f in english} == english
    assert article.content_updated_at_en == english_stamp
    assert article.content_updated_at_fr > english_stamp


def test_editing_english_never_touches_the_french_text_or_date():
    article = make_article()
    french_body, french_stamp = article.body_fr, article.content_updated_at_fr
    article.title_en = "A new English title"
    article.save()
    article.refresh_from_db()
    assert (article.body_fr, article.content_updated_at_fr) == (
        french_body,
        french_stamp,
    )
    assert article.content_updated_at_en > french_stamp


def test_saving_without_text_changes_keeps_the_updated_dates():
    article = make_article()
    stamps = (article.content_updated_at_en, article.content_updated_at_fr)
    article.position += 1
    article.save()
    article.refresh_from_db()
    assert (article.content_updated_at_en, article.content_updated_at_fr) == stamps


def test_an_explicit_updated_date_is_kept():
    moment = timezone.now() - datetime.timedelta(days=40)
    article = make_article(content_updated_at_fr=moment)
    assert article.content_updated_at_fr == moment
    assert article.updated_at("fr") == moment


def test_a_missing_translation_reports_the_default_language_date():
    article = make_article(title_fr="", body_fr="", summary_fr="")
    assert article.updated_at("fr") == article.content_updated_at_en


def test_visibility_published_for_readers_drafts_too_for_staff(django_user_model):
    draft = make_article(status=Article.Status.DRAFT)
    published = make_article()
    reader = django_user_model.objects.create_user("reader", password="x")
    staff = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    assert list(Article.objects.visible_to(reader)) == [published]
    assert set(Article.objects.visible_to(staff)) == {draft, published}
