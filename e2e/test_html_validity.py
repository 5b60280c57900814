"""Every kind of page is valid HTML for the W3C Nu checker (vnu.jar, run
locally on Java; `./dev test` installs both and sets VNU_JAR)."""

import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.utils import translation

from accounts.tests.helpers import make_account, sign_in
from accounts.tests.two_step import confirm_password, enrol

from .helpers import make_english_only_article, page_paths

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="session")
def vnu():
    # Where ./dev test installs it, unless VNU_JAR says otherwise.
    jar = os.environ.get("VNU_JAR") or str(
        Path(__file__).resolve().parent.parent / ".tools/node_modules/vnu-jar"
        "/build/dist/vnu.jar"
    )
    java = shutil.which("java")
    if not Path(jar).is_file() or java is None:
        pytest.fail(
            "The HTML check needs Java and the Nu checker: `./dev test` installs "
            "them (or set VNU_JAR to a vnu.jar).",
            pytrace=False,
        )
    return [java, "-Xss4m", "-jar", jar]


def rendered_pages(client):
    """(name, html) for each kind of page, fetched as a reader would."""
    pages = []
    for name, path in page_paths().items():
        response = client.get(path)
        expected = 404 if name == "404" else 200
        assert response.status_code == expected, f"{name} ({path})"
        pages.append((name, response.content.decode()))
    member = Client()
    user = make_account()
    EmailAddress.objects.create(user=user, email="marie@new.example", verified=False)
    member.force_login(user)
    for name, path in (
        ("home, signed in (account menu)", "/fr/"),
        ("email addresses", "/fr/accounts/email/"),
        ("password change", "/fr/accounts/password/change/"),
        ("sign out", "/fr/accounts/logout/"),
    ):
        response = member.get(path)
        assert response.status_code == 200, f"{name} ({path})"
        pages.append((name, response.content.decode()))
    response = client.post("/fr/accounts/username/recover/", {"email": "nope"})
    assert response.status_code == 400, "the recovery form accepted a bad address"
    pages.append(("username recovery, with errors", response.content.decode()))
    request = RequestFactory().get("/fr/")
    with translation.override("fr"):
        for status in ("400", "403", "429"):
            pages.append((status, render_to_string(f"{status}.html", request=request)))
        links = {
            "login_url": "https://example.com/fr/accounts/login/",
            "reset_url": "https://example.com/fr/accounts/password/reset/",
            "signup_url": "https://example.com/fr/accounts/signup/",
            "password_reset_url": "https://example.com/fr/accounts/password/reset/key/x/",
            "activate_url": "https://example.com/fr/accounts/confirm-email/x/",
        }
        for template, context in (
            ("username_recovery", {"usernames": ["alice"]}),
            ("username_not_found", {"email": "a@example.com", "signup_open": True}),
            ("password_reset_key", {"username": "alice", "reset_link_hours": 2}),
            ("unknown_account", {"email": "a@example.com", "signup_open": True}),
            ("email_confirmation", {}),
        ):
            html = render_to_string(
                f"account/email/{template}_message.html", {**links, **context}
            )
            pages.append((f"{template} email", html))
    pages.extend(two_step_pages(client))
    pages.append(("500", render_to_string("500.html")))
    return pages


def two_step_pages(client):
    """(name, html) of the account's two-step sign-in and sessions pages (an
    account of their own: two-step sign-in wants every address verified)."""
    make_account("jean.martin", "jean@example.com")
    sign_in(client, "jean.martin", language="fr")
    setup = "/fr/accounts/2fa/totp/activate/"
    pages = [("confirm password", client.get(setup, follow=True).content.decode())]
    confirm_password(client, client.get(setup))
    pages.append(("two-step setup", client.get(setup).content.decode()))
    enrol(client, language="fr")
    for name, path in (
        ("two-step sign-in", "/fr/accounts/2fa/"),
        ("recovery codes", "/fr/accounts/2fa/recovery-codes/"),
        ("add a security key", "/fr/accounts/2fa/webauthn/add/"),
        ("sessions", "/fr/accounts/sessions/"),
    ):
        response = client.get(path)
        assert response.status_code == 200, f"{name} ({path})"
        pages.append((name, response.content.decode()))
    client.logout()
    sign_in(client, "jean.martin", language="fr")
    code_page = client.get("/fr/accounts/2fa/authenticate/").content.decode()
    pages.append(("sign-in code", code_page))
    return pages


@pytest.mark.django_db
def test_every_page_is_valid_html(client, vnu, tmp_path):
    call_command("load_demo", stdout=io.StringIO())
    make_english_only_article()
    files = {}
    folder = tmp_path / "pages"  # apart from the test's uploaded images
    folder.mkdir()
    for number, (name, html) in enumerate(rendered_pages(client)):
        file = folder / f"{number:02d}.html"
        file.write_text(html, encoding="utf-8")
        files[file.name] = (name, html)

    # One run for all pages: starting Java costs more than checking them.
    result = subprocess.run(
        [*vnu, "--errors-only", "--format", "json", "--stdout", str(folder)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    try:
        messages = json.loads(result.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"vnu did not answer in JSON:\n{result.stdout}\n{result.stderr}")
    report = []
    for message in messages:
        file_name = message.get("url", "").rpartition("/")[2]
        name, html = files.get(file_name, (file_name, ""))
        line = message.get("lastLine") or 0
        lines = html.splitlines()
        source = lines[line - 1].strip() if 0 < line <= len(lines) else ""
        report.append(
            f"- {name}, line {line}: {message['message']}\n    {source[:200]}"
        )
    assert not report, "vnu found HTML errors:\n" + "\n".join(report)
    assert result.returncode == 0, result.stderr
