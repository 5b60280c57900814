from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from .models import current


@require_safe
def brand_css(request):
    """The accent colours as CSS variables: a stylesheet of our own origin,
    since the CSP allows no inline style. Its address changes with the
    brand (?v=), so browsers may keep it."""
    response = HttpResponse(
        render_to_string("branding/brand.css", {"brand": current()}),
        content_type="text/css; charset=utf-8",
    )
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
