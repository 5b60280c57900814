"""One JSON line per request: what operators grep and dashboards parse."""

import json
import logging
import time

from django.db import DatabaseError
from django.utils import translation

logger = logging.getLogger("helpcenter.requests")


class RequestLogMiddleware:
    """Logs method, path (never the query string, which may hold an email
    address or a search), status, duration and the page's language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        if logger.isEnabledFor(logging.INFO):
            logger.info(
                json.dumps(
                    {
                        "method": request.method,
                        "path": request.path,
                        "status": response.status_code,
                        "ms": round((time.perf_counter() - started) * 1000, 1),
                        "language": translation.get_language_from_path(
                            request.path_info
                        ),
                        "user": _user_id(request),
                    },
                    ensure_ascii=False,
                )
            )
        return response


def _user_id(request):
    user = getattr(request, "user", None)
    try:
        return user.pk if user and user.is_authenticated else None
    except DatabaseError:
        # The session could not be read (the database is down): the view
        # has answered already, and that answer is the one to send.
        return None
