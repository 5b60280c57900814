"""Running the app the production way in tests: `manage.py` commands,
gunicorn with our config and the task worker, as subprocesses (the servers
on free local ports)."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
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


def manage(env, *command):
    """Run a `manage.py` command with `env` as the environment."""
    subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )


def production_demo(tmp_path, name, **variables):
    """The environment of a demo site in `tmp_path` run the production way
    (DEBUG off, hashed static files, two workers, no Redis), migrated and
    loaded; `variables` add to it."""
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": f"{name}-test-" + "s" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "WEB_CONCURRENCY": "2",
        **variables,
    }
    env.pop("REDIS_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    # `migrate` alone makes the cache's table: /healthz reads the cache.
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "load_demo")
    return env


def shell(env, code):
    """Run `code` in `manage.py shell` with `env`; what it printed."""
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-v0", "-c", code],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout


@dataclass
class Server:
    url: str
    stdout_path: Path
    stderr_path: Path

    def stdout(self):
        return self.stdout_path.read_text()

    def stderr(self):
        return self.stderr_path.read_text()


@contextmanager
def gunicorn(env, output_dir):
    """gunicorn with our config on a free port, answering /healthz with 200
    (else an AssertionError). Its output goes to files in `output_dir` (a
    pipe would fill up and block it), printed if the block fails, so that
    pytest shows it. Stopped when the block ends."""
    port = free_port()
    output_dir.mkdir(parents=True, exist_ok=True)
    server = Server(
        url=f"http://127.0.0.1:{port}",
        stdout_path=output_dir / "stdout.log",
        stderr_path=output_dir / "stderr.log",
    )
    with (
        server.stdout_path.open("w") as stdout,
        server.stderr_path.open("w") as stderr,
    ):
        process = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "-c",
                "gunicorn.conf.py",
                "helpcenter.wsgi",
            ],
            cwd=BASE_DIR,
            # Unbuffered: the files hold every line, even from a killed worker.
            env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "PYTHONUNBUFFERED": "1"},
            stdout=stdout,
            stderr=stderr,
        )
    try:
        _wait_until_healthy(server, process)
        yield server
    except BaseException:
        _stop(process)
        print(f"--- {server.url} stdout\n{server.stdout()}")
        print(f"--- {server.url} stderr\n{server.stderr()}")
        raise
    else:
        _stop(process)


@contextmanager
def db_worker(env, output_dir):
    """`manage.py db_worker`, taking tasks as soon as they are due; its
    output goes to files in `output_dir`, printed if the block fails.
    Stopped when the block ends, like gunicorn above."""
    output_dir.mkdir(parents=True, exist_ok=True)
    stdout_path, stderr_path = output_dir / "stdout.log", output_dir / "stderr.log"
    with stdout_path.open("w") as stdout, stderr_path.open("w") as stderr:
        process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--no-reload",
                "--no-startup-delay",
                "--interval",
                "0.1",
            ],
            cwd=BASE_DIR,
            env={**env, "PYTHONUNBUFFERED": "1"},
            stdout=stdout,
            stderr=stderr,
        )
    try:
        yield process
    except BaseException:
        _stop(process)
        print(f"--- worker stdout\n{stdout_path.read_text()}")
        print(f"--- worker stderr\n{stderr_path.read_text()}")
        raise
    else:
        _stop(process)


def _wait_until_healthy(server, process, timeout=30):
    deadline = time.monotonic() + timeout
    answer = None
    while process.poll() is None and time.monotonic() < deadline:
        try:
            status, body = get(f"{server.url}/healthz")
        except urllib.error.HTTPError as error:
            answer = (error.code, error.read().decode())
        except OSError as error:
            answer = error
        else:
            assert json.loads(body)["status"] == "ok"
            assert status == 200
            return
        time.sleep(0.1)
    raise AssertionError(
        f"{server.url}/healthz never answered 200 (last: {answer!r}; "
        f"exit code {process.poll()})"
    )


def _stop(process):
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
