"""WSGI entry point (gunicorn helpcenter.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "helpcenter.settings")

application = get_wsgi_application()
