"""The error pages (handler400, 403, 404 and 500 in helpcenter/urls.py).

Django's own handlers first make sure a CSRF token is at hand
(`requires_csrf_token`), which on a POST reads the body. When the body is
what failed (a form charset other than UTF-8, a multipart body without a
boundary), they fail again, and the 500 handler too: the error escapes
Django and the server answers with its own bare page, without the security
headers. None of our error pages holds a form with a token, so these read
nothing of the request's body."""

from django.core.exceptions import DisallowedHost
from django.http import HttpResponseServerError
from django.middleware.security import SecurityMiddleware
from django.shortcuts import render
from django.template import loader
from django.utils import translation


def bad_request(request, exception):
    if not isinstance(exception, DisallowedHost):
        return render(request, "400.html", status=400)
    # Over plain HTTP, SecurityMiddleware asks for the host to redirect to
    # HTTPS: an unknown one is refused from inside it, before LocaleMiddleware
    # reads the page's language, and SecurityMiddleware's headers are not
    # added on the way out. Both are done here (again, if CommonMiddleware
    # refused the host: it changes nothing).
    language = translation.get_language_from_path(request.path_info)
    with translation.override(language or translation.get_language()):
        response = render(request, "400.html", status=400)
    return SecurityMiddleware(lambda request: response).process_response(
        request, response
    )


def permission_denied(request, exception):
    return render(request, "403.html", status=403)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # Without the request: whatever broke may break the page's context too.
    return HttpResponseServerError(loader.render_to_string("500.html"))
