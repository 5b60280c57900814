"""The production way to serve: gunicorn with our config, DEBUG off, hashed
static files, several workers, one JSON log line per request."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url):
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (local)
        return response.status, response.read().decode()


def test_gunicorn_serves_the_demo_with_production_settings(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "gunicorn-test-" + "s" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
    }
    env.pop("REDIS_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["createcachetable"],
        ["collectstatic", "--noinput", "-v0"],
        ["load_demo"],
    ):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=BASE_DIR,
            env=env,
            check=True,
            capture_output=True,
            timeout=120,
        )
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "-c", "gunicorn.conf.py", "helpcenter.wsgi"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                status, body = get(f"{base}/healthz")
                break
            except OSError:
                time.sleep(0.1)
        assert (status, json.loads(body)["status"]) == (200, "ok")
        status, page = get(f"{base}/fr/")
        assert status == 200
        assert "Centre d’aide" in page
        stylesheet = page.split('<link rel="stylesheet" href="')[1].split('"')[0]
        assert stylesheet != "/static/css/site.css"  # hashed name
        assert get(f"{base}{stylesheet}")[0] == 200
    finally:
        server.terminate()
        stdout, stderr = server.communicate(timeout=30)
    lines = [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]
    assert {"method": "GET", "path": "/fr/", "status": 200} in [
        {key: line[key] for key in ("method", "path", "status")} for line in lines
    ]
    assert "Booting worker" in stderr
