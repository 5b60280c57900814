import pytest
from django.core.management import call_command
from django.test import override_settings

MANIFEST_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "helpcenter.storage.StaticFilesStorage"},
}


def test_collectstatic_writes_hashed_and_compressed_files(tmp_path):
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=MANIFEST_STORAGE):
        call_command("collectstatic", interactive=False, verbosity=0)
    hashed = list((tmp_path / "css").glob("site.*.css"))
    assert len(hashed) == 1
    assert hashed[0].with_name(hashed[0].name + ".gz").exists()


@pytest.mark.django_db
def test_pages_link_the_hashed_stylesheet_in_production_mode(client, tmp_path):
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=MANIFEST_STORAGE):
        call_command("collectstatic", interactive=False, verbosity=0)
        page = client.get("/en/").content.decode()
    assert '<link rel="stylesheet" href="/static/css/site.' in page
    assert 'href="/static/css/site.css"' not in page
