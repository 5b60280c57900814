"""The production way to serve: gunicorn with our config, DEBUG off, hashed
static files, several workers, one JSON log line per request."""

import json
import runpy

from django.conf import settings

from .servers import get, gunicorn, production_demo


def test_gunicorn_serves_the_demo_with_production_settings(tmp_path):
    env = production_demo(tmp_path, "gunicorn")
    with gunicorn(env, tmp_path / "gunicorn") as server:
        status, page = get(f"{server.url}/fr/")
        assert status == 200
        assert "Centre d’aide" in page
        stylesheet = page.split('<link rel="stylesheet" href="')[1].split('"')[0]
        assert stylesheet != "/static/css/site.css"  # hashed name
        assert get(f"{server.url}{stylesheet}")[0] == 200
    lines = [
        json.loads(line)
        for line in server.stdout().splitlines()
        if line.startswith("{")
    ]
    assert {"method": "GET", "path": "/fr/", "status": 200} in [
        {key: line[key] for key in ("method", "path", "status")} for line in lines
    ]
    assert "Booting worker" in server.stderr()


def gunicorn_setting(name):
    return runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))[name]


def test_gunicorn_listens_on_this_machine_only_unless_told(monkeypatch):
    # Whoever reaches it around the proxy could write X-Forwarded-For.
    monkeypatch.delenv("GUNICORN_BIND", raising=False)
    assert gunicorn_setting("bind") == "127.0.0.1:8000"
    monkeypatch.setenv("GUNICORN_BIND", "0.0.0.0:8000")
    assert gunicorn_setting("bind") == "0.0.0.0:8000"
