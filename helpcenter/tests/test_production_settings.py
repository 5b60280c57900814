"""The production shape, checked the way operators run it: a fresh process
with production environment variables."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "x" * 40,
    "DJANGO_ALLOWED_HOSTS": "help.example.com",
    "DJANGO_HTTPS": "1",
    "DJANGO_BEHIND_PROXY": "1",
}


def run_manage(*args, without=(), **env):
    environment = {**os.environ, **PRODUCTION_ENV, **env}
    # The browser tests set this in their own process only.
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    for name in without:
        environment.pop(name, None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_reports_no_issues_with_production_variables():
    result = run_manage("check", "--deploy", "--fail-level", "DEBUG")
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_check_deploy_flags_the_demo_secret_key():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", without=["DJANGO_SECRET_KEY"]
    )
    assert result.returncode != 0
    assert "security.W009" in result.stderr + result.stdout


def test_a_wildcard_host_is_refused_outside_debug():
    result = run_manage("check", DJANGO_ALLOWED_HOSTS="*")
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS must list real host names" in result.stderr


def test_a_wildcard_host_is_allowed_in_debug():
    # Developers reach a debug server under whatever name their machine has.
    result = run_manage("check", DJANGO_ALLOWED_HOSTS="*", DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr + result.stdout


def test_a_server_error_is_logged_once_with_its_traceback(tmp_path):
    # A fresh process with the production logging, and a bug: a query on a
    # table that is not there.
    script = "\n".join(
        [
            "from django.db import ProgrammingError, connection",
            "from django.test import Client",
            "def broken(*args):",
            "    raise ProgrammingError('no such table')",
            "with connection.execute_wrapper(broken):",
            "    Client(raise_request_exception=False).get(",
            "        '/fr/',",
            "        headers={",
            "            'host': 'help.example.com',",
            "            'x-forwarded-proto': 'https',",
            "        },",
            "    )",
        ]
    )
    result = run_manage(
        "shell", "-c", script, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}"
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("ERROR django.request: Internal Server Error: /fr/") == 1


@pytest.mark.django_db
def test_pages_send_security_headers(client):
    response = client.get("/en/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_each_request_is_one_json_log_line_without_the_query(client, caplog):
    with caplog.at_level("INFO", logger="helpcenter.requests"):
        client.get("/fr/search/?q=marie@example.com")
    [record] = [r for r in caplog.records if r.name == "helpcenter.requests"]
    line = json.loads(record.getMessage())
    assert line["path"] == "/fr/search/"
    assert line["status"] == 200
    assert line["language"] == "fr"
    assert isinstance(line["ms"], float)
    assert "marie@example.com" not in record.getMessage()


def test_templates_are_compiled_once_per_process():
    # Issue #21: a page rendered for one reader must not read and parse its
    # templates again; Django's cached loader keeps them (settings leave the
    # loaders to Django, which caches them).
    from django.template import engines
    from django.template.loaders.cached import Loader

    assert [type(loader) for loader in engines["django"].engine.template_loaders] == [
        Loader
    ]
