"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py helpcenter.wsgi`.

Every value can be changed from the environment (README, "Running in
production")."""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# The app is stateless: several workers (and machines) share the database
# and the cache. Default: two per core, plus one.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = timeout
# Restart workers now and then, so a slow leak never grows unbounded.
max_requests = 2000
max_requests_jitter = 200
# Our request log (one JSON line per request) replaces gunicorn's access log.
accesslog = None
errorlog = "-"
# Proxies whose X-Forwarded-* headers gunicorn trusts.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
