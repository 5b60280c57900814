"""`./dev demo` ends with a banner: the address, the admin, and an editor
account whose random password is printed once (demo settings only)."""

import io

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def banner(**options):
    out = io.StringIO()
    call_command("demo_editor", stdout=out, **options)
    return out.getvalue()


def password_in(text):
    line = next(line for line in text.splitlines() if "Editor:" in line)
    return line.split(" / ")[1].strip()


def test_migrate_makes_no_editor_account():
    assert not get_user_model().objects.filter(username="editor").exists()


def test_the_banner_gives_the_address_the_admin_and_a_working_editor_password():
    text = banner(port=8001)
    assert "http://127.0.0.1:8001/" in text
    assert "http://127.0.0.1:8001/admin/" in text
    editor = authenticate(username="editor", password=password_in(text))
    assert editor is not None and editor.is_staff
    assert sorted(editor.groups.values_list("name", flat=True)) == [
        "Editors",
        "Publishers",
    ]
    assert editor.emailaddress_set.get().verified


def test_each_run_prints_a_new_random_password_and_the_old_one_stops_working():
    first, second = password_in(banner()), password_in(banner())
    assert first != second and len(first) >= 16
    assert authenticate(username="editor", password=first) is None
    assert get_user_model().objects.filter(username="editor").count() == 1


def test_it_refuses_to_run_with_production_settings(settings):
    settings.SECRET_KEY = "a-real-production-secret-key-0123456789abcdef"
    with pytest.raises(CommandError, match="demo only"):
        banner()
    assert not get_user_model().objects.filter(username="editor").exists()
