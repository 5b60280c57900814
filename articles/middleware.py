import logging

from helpcenter.unavailable import UNAVAILABLE

from .publishing import publish_if_due

logger = logging.getLogger(__name__)


class PublishDueCopiesMiddleware:
    """Scheduled working copies go live at the first request after their
    time (articles/publishing.py): nothing else has to run."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            publish_if_due()
        except UNAVAILABLE:
            # The database does not answer: the request goes on (and meets
            # it), the next one tries again.
            logger.warning("Due working copies not checked.", exc_info=True)
        return self.get_response(request)
