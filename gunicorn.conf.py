"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py helpcenter.wsgi`.

Every value can be changed from the environment (README, "Running in
production")."""

import os

# This machine only: whoever reaches gunicorn without going through the
# proxy can write X-Forwarded-For, which the rate limits trust
# (ALLAUTH_TRUSTED_PROXY_COUNT). A proxy on another host: README.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# The app is stateless: several workers (and machines) share the database
# and the cache. Default: two per core, plus one.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = timeout
# Workers are forked from a master that has loaded the app: starting one
# costs little, and no request waits behind a worker importing Django.
# (Deploy new code by restarting gunicorn, not with HUP alone.)
preload_app = True
# Restart workers now and then, so a slow leak never grows unbounded.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 10
# Our request log (one JSON line per request) replaces gunicorn's access
# log, which stays off (its default). gunicorn reads FORWARDED_ALLOW_IPS
# from the environment itself.
