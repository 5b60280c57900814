from django.conf import settings
from django.core.exceptions import BadRequest
from django.utils import translation


class RememberLanguageMiddleware:
    """Remember the language of the last prefixed page read, so `/` sends a
    returning reader back to it (the switcher is plain links, not a form)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        language = translation.get_language_from_path(request.path_info)
        cookie = settings.LANGUAGE_COOKIE_NAME
        if language and request.COOKIES.get(cookie) != language:
            response.set_cookie(
                cookie,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE or 365 * 24 * 3600,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            )
        return response


class RefuseNulMiddleware:
    """A NUL byte in the address or its query string is a 400: PostgreSQL
    refuses NUL in text, so it would otherwise fail the first query that
    uses it (an admin filter, an object id, a search) with a 500. Forms
    refuse it in the body themselves (Django's CharField)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise BadRequest("A NUL byte in the address.")
        return self.get_response(request)
