import datetime
import textwrap
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from articles.content_files import export_folder, import_folder, parse_article_file
from articles.models import Article, Category

from .helpers import make_article, make_category

pytestmark = pytest.mark.django_db

CATEGORIES = """\
- key: account
  position: 1
  title: {en: Account, fr: Compte}
  description: {en: Sign-in help., fr: Aide à la connexion.}
"""


def write(folder, name, text):
    (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")


def article_file(title, body="Some text.", **meta):
    fields = {"category": "account", "status": "published", "position": 1, **meta}
    lines = [f'title: "{title}"', *(f"{key}: {value}" for key, value in fields.items())]
    return "---\n" + "\n".join(lines) + "\n---\n" + body + "\n"


@pytest.fixture
def folder(tmp_path):
    write(tmp_path, "categories.yaml", CATEGORIES)
    return tmp_path


def test_import_creates_categories_and_articles_in_every_language(folder):
    write(folder, "login.en.md", article_file("Log in", "## A\n\n## B"))
    write(folder, "login.fr.md", article_file("Se connecter", "## Un\n\n## Deux"))
    report = import_folder(folder)
    assert report.created == ["category account", "article login"]
    article = Article.objects.get(key="login")
    assert (article.title_en, article.title_fr) == ("Log in", "Se connecter")
    assert article.category.title_fr == "Compte"
    assert '<h2 id="deux">Deux</h2>' in article.body_html_fr


def test_import_is_idempotent_by_key(folder):
    write(folder, "login.en.md", article_file("Log in"))
    import_folder(folder)
    report = import_folder(folder)
    assert report.created == report.updated == report.rejected == []
    assert report.unchanged == ["category account", "article login"]
    assert Article.objects.count() == 1


def test_changing_a_file_updates_that_article_only(folder):
    write(folder, "login.en.md", article_file("Log in"))
    write(folder, "reset.en.md", article_file("Reset"))
    import_folder(folder)
    write(folder, "login.en.md", article_file("Log in", "New text."))
    report = import_folder(folder)
    assert report.updated == ["article login"]
    assert "New text." in Article.objects.get(key="login").body_html_en


@pytest.mark.parametrize(
    ("name", "text", "reason"),
    [
        ("bad.en.md", "no front matter", "must start with a --- front matter"),
        ("bad.en.md", "---\ntitle: [unclosed\n---\nx", "invalid YAML"),
        ("bad.en.md", article_file("T", category="nope"), "unknown category"),
        ("bad.en.md", article_file("T", status="maybe"), "status"),
        ("bad.en.md", article_file("T", position=-3), "position"),
        ("bad.en.md", article_file("T", "[x](route:nope)"), "route:nope"),
        ("bad.en.md", article_file("T", colour="red"), "unknown field(s): colour"),
        ("bad.en.md", article_file("T", slug="Not A Slug!"), "slug"),
        ("bad.fr.md", article_file("Seulement en français"), "needs its en file"),
        ("bad.de.md", article_file("Deutsch"), "unknown language"),
        ("Bad Name.md", article_file("T"), "<key>.<language>.md"),
    ],
)
def test_a_bad_file_is_rejected_with_a_reason_and_the_others_imported(
    folder, name, text, reason
):
    write(folder, "good.en.md", article_file("Good"))
    write(folder, name, text)
    report = import_folder(folder)
    assert "article good" in report.created
    assert len(report.rejected) == 1
    assert reason in report.rejected[0][1]
    assert list(Article.objects.values_list("key", flat=True)) == ["good"]


def rejection(folder, name, text):
    """(label, reason) of the one rejection, checking a good file beside it
    still imports and the bad one wrote nothing."""
    write(folder, "good.en.md", article_file("Good"))
    write(folder, name, text)
    report = import_folder(folder)
    assert report.created == ["category account", "article good"]
    assert list(Article.objects.values_list("key", flat=True)) == ["good"]
    [rejected] = report.rejected
    return rejected


def test_an_unclosed_front_matter_block_is_rejected_with_its_reason(folder):
    text = "---\ntitle: Bad\ncategory: account\n\nThe closing --- is missing.\n"
    assert rejection(folder, "bad.en.md", text) == (
        "article bad",
        "bad.en.md: the front matter block is not closed",
    )


def test_front_matter_that_is_not_a_mapping_is_rejected_with_its_reason(folder):
    text = "---\n- title: Bad\n- category: account\n---\nBody.\n"
    assert rejection(folder, "bad.en.md", text) == (
        "article bad",
        "bad.en.md: front matter must be key: value lines",
    )


def test_a_publish_at_that_is_not_a_date_is_rejected_with_its_reason(folder):
    text = article_file("Bad", publish_at="next week")
    assert rejection(folder, "bad.en.md", text) == (
        "article bad",
        "bad: publish_at must be a date (YYYY-MM-DD) or a datetime",
    )


def test_an_article_file_without_a_title_is_rejected_with_its_reason(folder):
    text = "---\ncategory: account\nstatus: published\nposition: 1\n---\nBody.\n"
    assert rejection(folder, "bad.en.md", text) == (
        "article bad",
        "bad.en.md: title is missing",
    )


@pytest.mark.parametrize("missing", ["category", "status", "position"])
def test_a_new_article_without_an_article_field_is_rejected_naming_it(folder, missing):
    fields = {"category": "account", "status": "published", "position": 1}
    del fields[missing]
    lines = "".join(f"{name}: {value}\n" for name, value in fields.items())
    text = f"---\ntitle: Bad\n{lines}---\nBody.\n"
    assert rejection(folder, "bad.en.md", text) == (
        "article bad",
        f"bad: {missing} is missing",
    )


def test_an_update_may_leave_out_the_article_fields_it_does_not_change(folder):
    write(folder, "login.en.md", article_file("Log in", position=7))
    import_folder(folder)
    write(folder, "login.en.md", "---\ntitle: Sign in\n---\nSome text.\n")
    report = import_folder(folder)
    assert report.updated == ["article login"]
    article = Article.objects.get(key="login")
    assert (article.title_en, article.position) == ("Sign in", 7)


def test_a_rejected_update_leaves_the_saved_article_as_it_was(folder):
    write(folder, "login.en.md", article_file("Log in"))
    write(folder, "login.fr.md", article_file("Se connecter"))
    import_folder(folder)
    write(folder, "login.en.md", article_file("Sign in", "New text."))
    write(folder, "login.fr.md", "---\nsummary: Le titre manque.\n---\nTexte.\n")
    report = import_folder(folder)
    assert report.rejected == [("article login", "login.fr.md: title is missing")]
    article = Article.objects.get(key="login")
    assert (article.title_en, article.body_en) == ("Log in", "Some text.")


def import_with_categories(folder, content):
    """Import `content` (text, or bytes as they are) as categories.yaml beside
    an article of a category that exists already; that article must import."""
    make_category(key="account", title_en="Account")
    if isinstance(content, str):
        content = content.encode("utf-8")
    (folder / "categories.yaml").write_bytes(content)
    write(folder, "good.en.md", article_file("Good"))
    report = import_folder(folder)
    assert "article good" in report.created
    return report


def test_categories_yaml_with_invalid_yaml_is_rejected_and_articles_still_import(
    folder,
):
    report = import_with_categories(folder, "- key: account\n  title: {en: Acc\n")
    [(label, reason)] = report.rejected
    assert label == "categories.yaml"
    assert reason.startswith("categories.yaml: invalid YAML (")
    assert Category.objects.get().title_en == "Account"


def test_categories_yaml_that_cannot_be_read_as_utf8_is_rejected(folder):
    report = import_with_categories(folder, "- key: café\n".encode("latin-1"))
    [(label, reason)] = report.rejected
    assert label == "categories.yaml"
    assert reason.startswith("'utf-8' codec can't decode byte 0xe9")
    assert list(Category.objects.values_list("key", flat=True)) == ["account"]


def test_categories_yaml_that_is_not_a_list_is_rejected_whole(folder):
    report = import_with_categories(folder, "billing:\n  title: {en: Billing}\n")
    assert report.rejected == [("categories.yaml", "must be a list of categories")]
    assert list(Category.objects.values_list("key", flat=True)) == ["account"]


@pytest.mark.parametrize(
    "entry",
    ["- title: {en: Nameless}\n", "- billing\n"],
    ids=["no key", "not a mapping"],
)
def test_a_category_entry_without_a_key_is_rejected_and_the_others_imported(
    folder, entry
):
    text = "- key: help\n  title: {en: Help}\n" + entry
    report = import_with_categories(folder, text)
    assert report.created == ["category help", "article good"]
    assert report.rejected == [("categories.yaml #2", "each category needs a key")]
    assert sorted(Category.objects.values_list("key", flat=True)) == [
        "account",
        "help",
    ]


def test_a_category_text_in_an_unknown_language_is_rejected_with_its_reason(folder):
    report = import_with_categories(folder, "- key: help\n  title: {de: Hilfe}\n")
    assert report.rejected == [
        (
            "categories.yaml #1",
            "categories.yaml #1: title must map language codes (en, fr) to text",
        )
    ]
    assert not Category.objects.filter(key="help").exists()


def test_a_category_without_a_title_is_rejected_naming_the_field(folder):
    report = import_with_categories(folder, "- key: help\n  position: 2\n")
    assert report.rejected == [("category help", "title: This field cannot be blank.")]
    assert not Category.objects.filter(key="help").exists()


def test_a_bad_translation_rejects_the_whole_article_not_half_of_it(folder):
    write(folder, "login.en.md", article_file("Log in"))
    write(folder, "login.fr.md", article_file("Se connecter", "[x](route:nope)"))
    report = import_folder(folder)
    assert report.rejected[0][0] == "article login"
    assert not Article.objects.exists()


def test_article_fields_must_agree_between_language_files(folder):
    write(folder, "login.en.md", article_file("Log in", position=1))
    write(folder, "login.fr.md", article_file("Se connecter", position=2))
    report = import_folder(folder)
    assert "position differs" in report.rejected[0][1]


def test_articles_of_one_import_may_link_to_each_other(folder):
    write(folder, "a.en.md", article_file("First", "[next](article:b)"))
    write(folder, "b.en.md", article_file("Second", "[back](article:a)"))
    report = import_folder(folder)
    assert report.rejected == []
    a, b = Article.objects.get(key="a"), Article.objects.get(key="b")
    assert f'href="{b.url_in("en")}"' in a.body_html_en
    assert f'href="{a.url_in("fr")}"' in b.body_html_fr


def test_a_link_to_a_rejected_article_rejects_the_linking_one_too(folder):
    write(folder, "a.en.md", article_file("First", "[next](article:b)"))
    write(folder, "b.en.md", article_file("Second", "[x](route:nope)"))
    write(folder, "c.en.md", article_file("Third"))
    report = import_folder(folder)
    assert sorted(label for label, _ in report.rejected) == ["article a", "article b"]
    assert list(Article.objects.values_list("key", flat=True)) == ["c"]


def test_the_updated_date_in_front_matter_is_kept(folder):
    write(folder, "login.en.md", article_file("Log in", updated="2026-10-01"))
    import_folder(folder)
    article = Article.objects.get(key="login")
    expected = datetime.datetime(2026, 10, 1, tzinfo=datetime.UTC)
    assert article.content_updated_at_en == expected


def test_export_then_import_round_trips_everything_an_editor_sets(folder, tmp_path):
    write(
        folder,
        "login.en.md",
        article_file("Log in: a guide", "Text\n\n## A", slug="log-in", position=3),
    )
    write(folder, "login.fr.md", article_file("Se connecter", "Texte", position=3))
    write(folder, "draft.en.md", article_file("Draft", status="draft"))
    import_folder(folder)
    Article.objects.filter(key="login").update(summary_fr="Résumé : « guillemets »")
    first, second = tmp_path / "first", tmp_path / "second"
    export_folder(first)
    exported = _state()
    Article.objects.all().delete()
    Category.objects.all().delete()
    report = import_folder(first)
    assert report.rejected == []
    assert _state() == exported
    export_folder(second)
    for path in sorted(first.iterdir()):
        assert path.read_text() == (second / path.name).read_text(), path.name


def _state():
    fields = ["key", "category__key", "status", "position"] + [
        f"{name}_{code}"
        for name in ("title", "slug", "summary", "body", "content_updated_at")
        for code in ("en", "fr")
    ]
    return list(Article.objects.order_by("key").values(*fields)) + list(
        Category.objects.order_by("key").values(
            "key", "position", "title_en", "title_fr", "slug_fr", "description_fr"
        )
    )


def test_import_command_reports_and_fails_when_something_was_rejected(folder, capsys):
    write(folder, "good.en.md", article_file("Good"))
    write(folder, "bad.en.md", article_file("Bad", category="nope"))
    with pytest.raises(CommandError):
        call_command("import_articles", str(folder))
    output = capsys.readouterr()
    assert "created: article good" in output.out
    assert "rejected: article bad: bad: unknown category “nope”" in output.err


def test_import_command_refuses_a_missing_folder(tmp_path):
    with pytest.raises(CommandError, match="is not a folder"):
        call_command("import_articles", str(tmp_path / "missing"))


def test_export_command_writes_each_translation_and_counts_the_files(tmp_path, capsys):
    article = make_article(key="login")
    make_article(key="english-only", title_fr="", summary_fr="", body_fr="")
    target = tmp_path / "export"
    call_command("export_articles", str(target))
    names = sorted(path.name for path in target.iterdir())
    assert names == [
        "categories.yaml",
        "english-only.en.md",
        "login.en.md",
        "login.fr.md",
    ]
    meta, body = parse_article_file(target / "login.fr.md")
    assert (meta["title"], body) == (article.title_fr, article.body_fr)
    assert capsys.readouterr().out == f"4 files written to {target}\n"


def test_export_command_creates_the_missing_folders_of_its_path(tmp_path):
    # The help text promises it: `export_articles exports/2026/june` just works.
    target = tmp_path / "exports" / "june"
    call_command("export_articles", str(target))
    assert (target / "categories.yaml").read_text(encoding="utf-8") == "[]\n"


def test_demo_content_loads_cleanly_and_twice():
    call_command("load_demo")
    call_command("load_demo")
    articles = Article.objects.published()
    assert articles.count() >= 8
    assert Category.objects.count() >= 3
    assert all(article.translated_languages() == ["en", "fr"] for article in articles)


def test_demo_troubleshooting_article_links_to_the_account_flows_in_french():
    call_command("load_demo")
    article = Article.objects.get(key="login-troubleshooting")
    html = article.body_html_fr
    assert 'href="/fr/accounts/password/reset/"' in html
    assert 'href="/fr/accounts/username/recover/"' in html
    assert "<ol>" in html
    assert 'class="admonition note"' in html


def test_demo_files_follow_the_naming_contract():
    content = Path(settings.BASE_DIR) / "content"
    names = sorted(path.name for path in content.iterdir() if path.is_file())
    assert "categories.yaml" in names
    for name in names:
        if name != "categories.yaml":
            _key, language, extension = name.split(".")
            assert (language, extension) in {("en", "md"), ("fr", "md")}, name
    images = sorted(path.name for path in (content / "images").iterdir())
    assert "images.yaml" in images
    for name in images:
        if name != "images.yaml":
            _key, language, extension = name.split(".")
            assert (language, extension) in {("en", "png"), ("fr", "png")}, name


def test_render_articles_refreshes_stored_html_and_reports_broken_links(capsys):
    target = make_article(key="target")
    linking = make_article(key="linking", body_en="[see](article:target)")
    Article.objects.filter(pk=target.pk).update(body_html_en="<p>stale</p>")
    call_command("render_articles")
    target.refresh_from_db()
    assert "stale" not in target.body_html_en
    assert "2 rendered, 0 with broken links" in capsys.readouterr().out
    target.delete()
    call_command("render_articles")
    output = capsys.readouterr()
    assert "0 rendered, 1 with broken links" in output.out
    assert "linking: unknown article “article:target”" in output.err
    linking.refresh_from_db()
    assert linking.body_en == "[see](article:target)"


def test_status_schedule_and_translation_editions_round_trip(folder, tmp_path):
    write(
        folder,
        "later.en.md",
        article_file("Later", status="archived", publish_at="2030-01-02", edition=3),
    )
    write(
        folder,
        "later.fr.md",
        article_file(
            "Plus tard", status="archived", publish_at="2030-01-02", edition=2
        ),
    )
    assert import_folder(folder).rejected == []
    article = Article.objects.get(key="later")
    assert article.status == Article.Status.ARCHIVED
    assert article.publish_at == datetime.datetime(2030, 1, 2, tzinfo=datetime.UTC)
    assert article.freshness("fr") == Article.Freshness.OUTDATED
    exported = tmp_path / "exported"
    export_folder(exported)
    Article.objects.all().delete()
    assert import_folder(exported).rejected == []
    again = Article.objects.get(key="later")
    assert (again.source_edition, again.translated_edition_fr) == (3, 2)
    assert again.publish_at == article.publish_at


def test_a_bad_edition_is_rejected(folder):
    write(folder, "bad.en.md", article_file("Bad", edition="two"))
    report = import_folder(folder)
    assert "edition must be a whole number" in report.rejected[0][1]
