import datetime

import pytest
from django.contrib.auth.models import Group
from django.forms import CheckboxInput, MultiWidget
from django.utils import timezone
from reversion.models import Version

from articles import editorial
from articles.models import Article

from .helpers import make_article

pytestmark = pytest.mark.django_db

EN, FR = "en", "fr"
CHANGE = "/admin/articles/article/{}/change/"


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_user(
        "editor", password="an editor's passphrase", is_staff=True
    )
    # A site without review: its editors publish (articles/roles.py).
    user.groups.add(*Group.objects.filter(name__in=["Editors", "Publishers"]))
    client.force_login(user)
    return user


def admin_data(article, **changes):
    """The change form as an editor submits it, with `changes` applied."""
    data = {
        "key": article.key,
        "category": article.category_id,
        "status": article.status,
        "position": article.position,
        "publish_at_0": "",
        "publish_at_1": "",
    }
    for name in ("title", "slug", "summary", "body"):
        for code in (EN, FR):
            data[f"{name}_{code}"] = getattr(article, f"{name}_{code}") or ""
    data.update(changes)
    return data


def submitted(form):
    """What a browser sends for an unchanged, rendered admin `form`."""
    data = {}
    for field in form:
        value, widget = field.value(), field.field.widget
        if isinstance(widget, MultiWidget):
            for index, part in enumerate(widget.decompress(value)):
                data[f"{field.html_name}_{index}"] = "" if part is None else part
        elif isinstance(widget, CheckboxInput):
            if value:
                data[field.html_name] = "on"
        else:
            data[field.html_name] = "" if value is None else value
    return data


# Publishing


def test_a_future_publish_time_hides_the_article_until_then(client):
    later = make_article(publish_at=timezone.now() + datetime.timedelta(hours=2))
    assert client.get(later.url_in(FR)).status_code == 404
    assert later.url_in(FR) not in client.get("/fr/").content.decode()
    Article.objects.filter(pk=later.pk).update(
        publish_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert client.get(later.url_in(FR)).status_code == 200


def test_archived_articles_are_hidden_from_readers(client):
    archived = make_article(status=Article.Status.ARCHIVED)
    assert client.get(archived.url_in(EN)).status_code == 404


def test_staff_can_preview_a_scheduled_article_on_the_site(client, editor):
    later = make_article(publish_at=timezone.now() + datetime.timedelta(days=1))
    page = client.get(later.url_in(FR))
    assert page.status_code == 200
    assert '<meta name="robots" content="noindex">' in page.content.decode()


# Translation freshness


def test_a_significant_edit_of_the_source_makes_translations_out_of_date():
    article = make_article()
    assert article.freshness(FR) == Article.Freshness.UP_TO_DATE
    article.body_en += "\n\nA new paragraph."
    article.save()
    assert article.freshness(FR) == Article.Freshness.OUTDATED
    assert article.freshness(EN) == Article.Freshness.UP_TO_DATE


def test_a_minor_edit_of_the_source_keeps_translations_up_to_date():
    article = make_article()
    article.body_en = article.body_en.replace("Text", "Text.")
    article.save(minor_edit=True)
    assert article.freshness(FR) == Article.Freshness.UP_TO_DATE


def test_a_minor_edit_of_an_outdated_translation_leaves_it_out_of_date():
    article = make_article()
    article.body_en += "\n\nA new paragraph."
    article.save()
    article.body_fr = article.body_fr.replace("Texte", "Texte.")
    article.save(minor_edit=True)
    assert article.freshness(FR) == Article.Freshness.OUTDATED
    article.refresh_from_db()
    assert article.freshness(FR) == Article.Freshness.OUTDATED


def test_a_translation_added_in_a_minor_edit_matches_the_current_source():
    article = make_article(title_fr="", summary_fr="", body_fr="")
    article.body_en += "\n\nA new paragraph."
    article.save()
    article.title_fr, article.body_fr = "Titre", "Texte."
    article.save(minor_edit=True)
    assert article.freshness(FR) == Article.Freshness.UP_TO_DATE


def test_updating_the_translation_brings_it_up_to_date_again():
    article = make_article()
    article.body_en += "\n\nNew."
    article.save()
    article.body_fr += "\n\nNouveau."
    article.save()
    assert article.freshness(FR) == Article.Freshness.UP_TO_DATE


def test_a_missing_translation_is_reported_as_missing():
    article = make_article(title_fr="", summary_fr="", body_fr="")
    assert article.freshness(FR) == Article.Freshness.MISSING


def test_readers_of_an_outdated_translation_see_a_link_to_the_source(client):
    article = make_article()
    article.body_en += "\n\nNew."
    article.save()
    page = client.get(article.url_in(FR)).content.decode()
    assert "a changé depuis sa traduction" in page
    assert f'<a href="{article.url_in(EN)}" hreflang="en">' in page


def test_upgrading_keeps_translations_saved_before_editions_up_to_date():
    from importlib import import_module

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    name = "0007_translated_editions_of_existing_articles"
    migration = import_module(f"articles.migrations.{name}")
    old = make_article()
    untranslated = make_article(title_fr="", summary_fr="", body_fr="")
    behind = make_article()
    behind.body_en += "\n\nNew."
    behind.save()
    # As 0005_editorial left them: no edition recorded for existing text.
    Article.objects.exclude(pk=behind.pk).update(
        translated_edition_en=None, translated_edition_fr=None
    )
    assert Article.objects.get(pk=old.pk).freshness(FR) == Article.Freshness.OUTDATED
    historical = MigrationLoader(connection).project_state(("articles", name)).apps
    migration.existing_translations_are_current(historical, None)
    old, untranslated, behind = (
        Article.objects.get(pk=article.pk) for article in (old, untranslated, behind)
    )
    assert old.freshness(FR) == Article.Freshness.UP_TO_DATE
    assert (old.translated_edition_en, old.translated_edition_fr) == (1, 1)
    assert untranslated.freshness(FR) == Article.Freshness.MISSING
    assert untranslated.translated_edition_fr is None
    assert untranslated.translated_edition_en == 1
    assert behind.freshness(FR) == Article.Freshness.OUTDATED
    assert (behind.source_edition, behind.translated_edition_fr) == (2, 1)


# The admin


def test_the_article_form_has_one_tab_per_language_for_the_whole_article(
    client, editor
):
    article = make_article()
    page = client.get(CHANGE.format(article.pk)).content.decode()
    french = page.split('<fieldset class="module aligned language-tab"')[2]
    assert [f'name="{name}_fr"' in french for name in ("title", "summary", "body")] == [
        True
    ] * 3
    assert "/static/js/admin-article-form.js" in page
    assert "googleapis" not in page
    assert 'name="minor_edit"' in page
    assert "route:account_reset_password" in page  # the Markdown help


def test_the_summary_is_a_multi_line_field_with_a_counter(client, editor):
    page = client.get(CHANGE.format(make_article().pk)).content.decode()
    summary = page.split('name="summary_en"')[0].rsplit("<", 1)[1]
    assert summary.startswith("textarea")
    assert 'data-counter="{count} of {max} characters"' in page


def test_the_category_form_keeps_local_jquery_ui_tabs(client, editor):
    page = client.get("/admin/articles/category/add/").content.decode()
    assert "/static/jquery-ui/jquery-ui.min.js" in page
    assert "tabbed_translation_fields.js" in page
    assert "googleapis" not in page


def test_the_form_links_to_each_language_on_the_site(client, editor):
    article = make_article(title_en="Log in", title_fr="Se connecter")
    page = client.get(CHANGE.format(article.pk)).content.decode()
    assert f'href="/en/articles/{article.pk}-log-in/"' in page
    assert f'href="/fr/articles/{article.pk}-se-connecter/"' in page


def test_admin_edit_with_minor_edit_ticked_keeps_french_up_to_date(client, editor):
    article = make_article()
    data = admin_data(article, body_en=article.body_en + " typo", minor_edit="on")
    assert client.post(CHANGE.format(article.pk), data).status_code == 302
    article.refresh_from_db()
    assert article.freshness(FR) == Article.Freshness.UP_TO_DATE


def test_admin_significant_edit_marks_french_out_of_date_in_the_list(client, editor):
    article = make_article()
    up_to_date = make_article()
    data = admin_data(article, body_en=article.body_en + "\n\nMore steps.")
    assert client.post(CHANGE.format(article.pk), data).status_code == 302
    listing = client.get("/admin/articles/article/", {"translation": "fr:outdated"})
    html = listing.content.decode()
    assert "FR: out of date" in html
    assert str(article.title_en) in html
    assert str(up_to_date.title_en) not in html


def listed(client, translation):
    """Keys of the articles the admin list shows with this translation filter."""
    page = client.get("/admin/articles/article/", {"translation": translation})
    return {article.key for article in page.context["cl"].result_list}


def outdated_in_french(**fields):
    article = make_article(**fields)
    article.body_en += "\n\nA new paragraph."
    article.save()
    return article


def french_removed(**fields):
    """Translated once, then its French emptied: the edition it matched stays."""
    article = make_article(**fields)
    article.title_fr = article.summary_fr = article.body_fr = ""
    article.save()
    return article


def test_the_missing_translation_filter_lists_articles_without_that_language(
    client, editor
):
    # Created without French (as an English-only import does): NULL, not "".
    make_article(key="never", title_fr=None, summary_fr=None, body_fr=None)
    french_removed(key="removed")
    make_article(key="current")
    outdated_in_french(key="outdated")
    assert list(
        Article.objects.filter(title_fr=None).values_list("key", flat=True)
    ) == ["never"]
    assert listed(client, "fr:missing") == {"never", "removed"}


def test_the_up_to_date_translation_filter_lists_only_current_translations(
    client, editor
):
    make_article(key="current")
    outdated_in_french(key="outdated")
    french_removed(key="removed")
    make_article(key="never", title_fr=None, summary_fr=None, body_fr=None)
    # Translated before editions were recorded, as 0005_editorial left it.
    unrecorded = make_article(key="unrecorded")
    Article.objects.filter(pk=unrecorded.pk).update(translated_edition_fr=None)
    assert listed(client, "fr:current") == {"current"}


def test_editing_french_in_the_admin_never_touches_english(client, editor):
    article = make_article()
    english = (article.title_en, article.summary_en, article.body_en)
    data = admin_data(article, body_fr="Un tout nouveau texte.")
    client.post(CHANGE.format(article.pk), data)
    article.refresh_from_db()
    assert (article.title_en, article.summary_en, article.body_en) == english
    assert article.body_fr == "Un tout nouveau texte."


def test_a_broken_link_is_refused_naming_field_and_language(client, editor):
    article = make_article()
    page = client.post(
        CHANGE.format(article.pk), admin_data(article, body_fr="[x](route:nope)")
    )
    assert page.status_code == 200
    # Link problems are told in the language of the text they are found in.
    errors = page.context["adminform"].form.errors
    assert errors == {"body_fr": ["page inconnue «\u00a0route:nope\u00a0»"]}
    assert 'id="id_body_fr_error"' in page.content.decode()
    article.refresh_from_db()
    assert "route:nope" not in article.body_fr


def test_preview_renders_unsaved_text_like_readers_see_it(client, editor):
    article = make_article()
    data = admin_data(article, body_fr="## Aperçu\n\n!!! tip\n    Une astuce.")
    page = client.post(CHANGE.format(article.pk) + "preview/fr/", data)
    html = page.content.decode()
    assert page.status_code == 200
    assert '<h2 id="apercu">Aperçu</h2>' in html
    assert 'class="admonition tip"' in html
    assert '<html lang="fr">' in html
    assert '<meta name="robots" content="noindex">' in html
    article.refresh_from_db()
    assert "Aperçu" not in article.body_fr


def test_preview_is_sanitised_like_the_saved_page(client, editor):
    article = make_article()
    body = "<script>alert(1)</script>\n\n[Sign in](route:account_login)"
    page = client.post(
        CHANGE.format(article.pk) + "preview/en/", admin_data(article, body_en=body)
    )
    html = page.content.decode()
    assert page.context["preview_problems"] == []
    assert "alert(1)" not in html
    assert '<a href="/en/accounts/login/">Sign in</a>' in html


def test_preview_lists_broken_links_instead_of_the_text(client, editor):
    article = make_article()
    data = admin_data(article, body_en="Before.\n\n[x](route:nope)")
    page = client.post(CHANGE.format(article.pk) + "preview/en/", data)
    html = page.content.decode()
    assert page.context["preview_problems"] == ["unknown page “route:nope”"]
    assert "<li>unknown page “route:nope”</li>" in html
    assert "Before." not in html


def test_preview_of_a_new_article(client, editor):
    article = make_article()
    data = admin_data(article, key="brand-new", title_en="Brand new")
    page = client.post("/admin/articles/article/add/preview/en/", data)
    assert page.status_code == 200
    assert "Brand new" in page.content.decode()


def test_preview_needs_post_and_a_known_language(client, editor):
    article = make_article()
    assert client.get(CHANGE.format(article.pk) + "preview/fr/").status_code == 405
    assert client.post(CHANGE.format(article.pk) + "preview/de/").status_code == 403


def test_readers_cannot_preview(client, django_user_model):
    article = make_article()
    client.force_login(django_user_model.objects.create_user("reader", password="x"))
    response = client.post(CHANGE.format(article.pk) + "preview/fr/", {})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


# Versions


def test_each_admin_save_keeps_a_version_with_every_language(client, editor):
    article = make_article()
    client.post(CHANGE.format(article.pk), admin_data(article, body_fr="Version B"))
    [version] = Version.objects.get_for_object(article)
    assert version.field_dict["body_fr"] == "Version B"
    assert version.field_dict["body_en"] == article.body_en
    assert version.revision.user == editor


def test_history_compares_two_versions_per_language(client, editor):
    article = make_article()
    client.post(CHANGE.format(article.pk), admin_data(article, body_fr="Ligne A"))
    article.refresh_from_db()
    client.post(CHANGE.format(article.pk), admin_data(article, body_fr="Ligne B"))
    history = client.get(f"/admin/articles/article/{article.pk}/history/")
    assert "editor" in history.content.decode()
    compare = client.get(f"/admin/articles/article/{article.pk}/history/compare/")
    html = compare.content.decode()
    assert "<del>Ligne A</del>" in html
    assert "<ins>Ligne B</ins>" in html


def test_history_picks_any_two_versions_to_compare_reading_them_once(client, editor):
    import re

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    article = make_article()
    for text in ("Ligne A", "Ligne B", "Ligne C"):
        client.post(CHANGE.format(article.pk), admin_data(article, body_fr=text))
        article.refresh_from_db()
    with CaptureQueriesContext(connection) as captured:
        history = client.get(f"/admin/articles/article/{article.pk}/history/")
    version_queries = [
        query for query in captured if 'FROM "reversion_version"' in query["sql"]
    ]
    assert len(version_queries) == 1
    options = re.findall(
        r'<option value="(\d+)"', history.content.decode().split('id="compare-b"')[1]
    )
    revisions = [
        str(version.revision_id) for version in Version.objects.get_for_object(article)
    ]
    assert options == revisions  # newest first
    compare = client.get(
        f"/admin/articles/article/{article.pk}/history/compare/",
        {"a": revisions[2], "b": revisions[0]},
    ).content.decode()
    assert "<del>Ligne A</del>" in compare
    assert "<ins>Ligne C</ins>" in compare
    assert "Ligne B" not in compare


def test_the_change_form_reads_the_article_once(client, editor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    article = make_article()
    with CaptureQueriesContext(connection) as captured:
        page = client.get(CHANGE.format(article.pk))
    article_queries = [
        query for query in captured if 'FROM "articles_article"' in query["sql"]
    ]
    assert len(article_queries) == 1
    html = page.content.decode()
    assert "English: up to date · French: up to date" in html
    assert 'formaction="preview/fr/"' in html


def test_the_add_form_offers_a_preview_per_language(client, editor):
    html = client.get("/admin/articles/article/add/").content.decode()
    assert 'formaction="preview/en/"' in html
    assert 'formaction="preview/fr/"' in html


def test_revert_restores_the_old_text_in_every_language_as_a_new_version(
    client, editor
):
    article = make_article()
    client.post(
        CHANGE.format(article.pk),
        admin_data(article, body_en="Old English", body_fr="Ancien français"),
    )
    article.refresh_from_db()
    client.post(
        CHANGE.format(article.pk),
        admin_data(article, body_en="New English", body_fr="Nouveau français"),
    )
    old = Version.objects.get_for_object(article).last()
    revision_url = f"/admin/articles/article/{article.pk}/history/{old.pk}/"
    form = client.get(revision_url)
    html = form.content.decode()
    assert "Old English" in html
    assert "Ancien français" in html
    assert 'formaction="preview/' not in html  # no preview/ below this URL
    # Submitted as shown: what is saved comes from the version, not the test.
    response = client.post(revision_url, submitted(form.context["adminform"].form))
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.body_en, article.body_fr) == ("Old English", "Ancien français")
    assert "Old English" in article.body_html_en
    assert "Ancien français" in article.body_html_fr
    assert Version.objects.get_for_object(article).count() == 3


# Roles and health


def test_editors_can_write_but_not_delete_or_manage_users(client, editor):
    editor.groups.remove(Group.objects.get(name="Publishers"))
    article = make_article()
    assert client.get(CHANGE.format(article.pk)).status_code == 200
    assert client.get("/admin/articles/article/add/").status_code == 200
    assert (
        client.get(f"/admin/articles/article/{article.pk}/delete/").status_code == 403
    )
    assert client.get("/admin/auth/user/").status_code == 403


EDITORIAL_VIEWS = [
    pytest.param("post", CHANGE + "preview/fr/", id="preview"),
    pytest.param("post", "/admin/articles/article/add/preview/fr/", id="new preview"),
    pytest.param("get", "/admin/articles/article/{}/history/compare/", id="compare"),
    pytest.param("get", "/admin/articles/article/health/", id="health"),
]


def sign_in_staff(client, django_user_model, *codenames):
    """A staff member with only these permissions (no group), signed in."""
    from django.contrib.auth.models import Permission

    # No password: force_login needs none, and hashing one is slow.
    user = django_user_model.objects.create_user("staff", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    client.force_login(user)


def visit(client, method, url, article):
    """The view at `url` for `article`; previews get the form's data."""
    url = url.format(article.pk)
    if method == "post":
        return client.post(url, admin_data(article))
    return client.get(url)


@pytest.mark.parametrize(("method", "url"), EDITORIAL_VIEWS)
def test_staff_without_article_permissions_are_refused_the_editorial_views(
    client, django_user_model, method, url
):
    article = make_article()
    sign_in_staff(client, django_user_model)
    assert visit(client, method, url, article).status_code == 403


@pytest.mark.parametrize(("method", "url"), EDITORIAL_VIEWS[:2])
def test_staff_who_may_only_view_articles_cannot_preview(
    client, django_user_model, method, url
):
    article = make_article()
    sign_in_staff(client, django_user_model, "view_article")
    assert visit(client, method, url, article).status_code == 403


@pytest.mark.parametrize(("method", "url"), EDITORIAL_VIEWS[2:])
def test_staff_who_may_only_view_articles_can_compare_and_see_health(
    client, django_user_model, method, url
):
    article = make_article()
    sign_in_staff(client, django_user_model, "view_article")
    assert visit(client, method, url, article).status_code == 200


@pytest.mark.parametrize(("method", "url"), EDITORIAL_VIEWS)
def test_anonymous_visitors_are_sent_to_sign_in_by_the_editorial_views(
    client, method, url
):
    # The admin's own answer, as for any admin page: not a 403 that would
    # tell them nothing about where to sign in.
    article = make_article()
    response = visit(client, method, url, article)
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=" + url.format(article.pk)


def test_content_health_lists_what_to_fix_with_links(client, editor):
    outdated = make_article(title_en="Needs French update")
    outdated.body_en += "\n\nNew."
    outdated.save()
    missing = make_article(title_en="Needs French", title_fr="", body_fr="")
    broken = make_article(title_en="Links to nowhere")
    Article.objects.filter(pk=broken.pk).update(body_en="[x](article:999999)")
    page = client.get("/admin/articles/article/health/").content.decode()
    for article in (outdated, missing, broken):
        assert f'href="/admin/articles/article/{article.pk}/change/"' in page
    assert "article:999999" in page


def test_content_health_lists_only_the_translations_that_need_work():
    make_article(key="current")
    outdated_in_french(key="outdated")
    french_removed(key="removed")
    # A draft written in French first: English is not a translation to write.
    make_article(
        key="french-draft",
        status=Article.Status.DRAFT,
        title_en="",
        summary_en="",
        body_en="",
    )
    rows = editorial.content_health()["translations"]
    assert [(row["article"].key, row["code"], row["state"]) for row in rows] == [
        ("outdated", FR, Article.Freshness.OUTDATED),
        ("removed", FR, Article.Freshness.MISSING),
    ]


def test_content_health_says_so_when_translations_and_links_are_fine(client, editor):
    make_article()
    page = client.get("/admin/articles/article/health/").content.decode()
    assert "Every translation is up to date." in page
    assert "Every link resolves." in page


def test_content_health_finds_links_broken_since_they_were_saved():
    target = make_article(key="target")
    by_id = make_article(body_en=f"[Go](article:{target.pk})")
    by_key = make_article(body_en="[Go](article:target)")
    fine = make_article(
        body_en="[Sign in](route:account_login) and [Go](article:target)\n\n"
        "    Write `article:nothing` to link an article.\n"
    )
    assert editorial.content_health()["broken_links"] == []
    Article.objects.filter(pk=fine.pk).update(body_fr="[Go](route:no-such-page)")
    target.delete()
    broken = editorial.content_health()["broken_links"]
    assert {row["article"].pk for row in broken} == {by_id.pk, by_key.pk, fine.pk}
    [fine_row] = [row for row in broken if row["article"].pk == fine.pk]
    assert fine_row["problems"] == {
        "en": ["unknown article “article:target”"],
        "fr": ["page inconnue «\u00a0route:no-such-page\u00a0»"],
    }


def test_import_keeps_versions_like_an_admin_save(tmp_path):
    from django.core.management import call_command

    call_command("load_demo")
    article = Article.objects.get(key="login-troubleshooting")
    [version] = Version.objects.get_for_object(article)
    assert version.field_dict["title_fr"] == article.title_fr
    assert "Imported" in version.revision.get_comment()


def test_the_editors_group_exists_after_migrate_with_exactly_its_permissions():
    group = Group.objects.get(name="Editors")
    assert sorted(group.permissions.values_list("codename", flat=True)) == [
        "add_article",
        "add_category",
        "add_image",
        "add_synonym",
        "change_article",
        "change_category",
        "change_image",
        "change_synonym",
        "delete_synonym",
        "view_article",
        "view_category",
        "view_feedback",
        "view_image",
        "view_searchquery",
        "view_synonym",
    ]


def test_the_slug_is_prefilled_from_the_title_in_each_language(client, editor):
    import html
    import json
    import re

    page = client.get("/admin/articles/article/add/").content.decode()
    data = re.search(r'data-prepopulated-fields="([^"]*)"', page).group(1)
    fields = {
        field["id"]: field["dependency_ids"]
        for field in json.loads(html.unescape(data))
    }
    assert fields["#id_slug_en"] == ["#id_title_en"]
    assert fields["#id_slug_fr"] == ["#id_title_fr"]
