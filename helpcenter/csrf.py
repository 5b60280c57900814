"""CSRF protection for forms on pages that hold no token: the site's policy,
for any app whose form sits on a cached page.

Why no token: reader pages are cacheable, and a token baked into a cached
page is someone else's (or expired), which is how other help centers end up
answering anonymous votes with 403. Such forms are protected instead by
what the browser says about where a request comes from, which no other site
can forge: `Sec-Fetch-Site: same-origin` (every current browser) or, from
older browsers that do not send it, an `Origin` equal to ours. A request
that proves neither (a form on another site, a client that sends no such
header) gets Django's usual check instead, which needs a CSRF cookie and
the matching token: without them, 403."""

from functools import wraps

from django.views.decorators.csrf import csrf_exempt, csrf_protect


def _sent_by_our_page(request):
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    origin = request.headers.get("Origin")
    return origin is not None and origin == f"{request.scheme}://{request.get_host()}"


def same_origin_or_csrf_token(view):
    """CSRF protection that needs no token in the page (see the module's
    docstring): same-origin requests pass, all others get Django's check."""
    token_checked = csrf_protect(view)

    @wraps(view)
    def checked(request, *args, **kwargs):
        if _sent_by_our_page(request):
            return view(request, *args, **kwargs)
        return token_checked(request, *args, **kwargs)

    return csrf_exempt(checked)
