"""The site owner's brand: one row of settings (name and footer per
language, light and dark logos, accent colours, the support address),
kept in the shared cache so that no page pays a query for it."""

import contextlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.validators import RegexValidator
from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.cache_tags import CONTENT
from helpcenter import page_cache
from helpcenter.unavailable import CACHE_DOWN

from . import colour

# static/css/site.css: the page backgrounds (--bg, then --surface: cards and
# the header carry links too) and accents of today's look.
LIGHT_BACKGROUNDS = ("#ffffff", "#f4f6fa")
DARK_BACKGROUNDS = ("#121417", "#1d2127")
DEFAULT_ACCENT = "#1f5fbf"
DEFAULT_ACCENT_DARK = "#8ab8ff"
_CACHE_KEY = "branding:brand"

hex_colour = RegexValidator(
    rf"\A{colour.HEX_COLOUR.pattern}\Z",
    _("Write the colour as # followed by six hexadecimal digits, e.g. #1f5fbf."),
)


class Brand(models.Model):
    name = models.CharField(
        _("site name"),
        max_length=100,
        blank=True,
        help_text=_("Shown in every page’s header and title, and in emails."),
    )
    logo_light = models.CharField(max_length=300, blank=True, editable=False)
    logo_dark = models.CharField(max_length=300, blank=True, editable=False)
    logo_width = models.PositiveIntegerField(null=True, editable=False)
    logo_height = models.PositiveIntegerField(null=True, editable=False)
    accent = models.CharField(
        _("accent colour"),
        max_length=7,
        default=DEFAULT_ACCENT,
        validators=[hex_colour],
        help_text=_("Buttons and highlights on the light page (white)."),
    )
    accent_dark = models.CharField(
        _("accent colour in dark mode"),
        max_length=7,
        default=DEFAULT_ACCENT_DARK,
        validators=[hex_colour],
        help_text=_("Buttons and highlights for readers using dark mode."),
    )
    support_email = models.EmailField(
        _("support address"),
        blank=True,
        help_text=_("Shown to readers who need help. Empty: SUPPORT_EMAIL."),
    )
    footer_text = models.CharField(_("footer text"), max_length=300, blank=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self):
        return str(_("Site settings"))

    def save(self, *args, **kwargs):
        # One row: the site has one brand.
        self.pk = 1
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        for field, backgrounds, mode in (
            ("accent", LIGHT_BACKGROUNDS, _("light")),
            ("accent_dark", DARK_BACKGROUNDS, _("dark")),
        ):
            value = getattr(self, field)
            if not colour.HEX_COLOUR.fullmatch(value or ""):
                continue
            ratio, background = min(
                (colour.contrast(value, background), background)
                for background in backgrounds
            )
            if ratio < colour.AA:
                errors[field] = _(
                    "%(colour)s has a contrast of %(ratio).1f:1 with the %(mode)s "
                    "page background (%(background)s); readers need at least "
                    "4.5:1 (WCAG AA)."
                ) % {
                    "colour": value,
                    "ratio": ratio,
                    "mode": mode,
                    "background": background,
                }
        if errors:
            raise ValidationError(errors)

    def site_name(self):
        """The name in the active language, else the default's, else ours."""
        return self.name or gettext("Help Center")

    def logo_url(self):
        return default_storage.url(self.logo_light) if self.logo_light else ""

    def logo_url_dark(self):
        return default_storage.url(self.logo_dark) if self.logo_dark else ""

    def support_address(self):
        return self.support_email or settings.SUPPORT_EMAIL

    def has_own_colours(self):
        return (self.accent, self.accent_dark) != (DEFAULT_ACCENT, DEFAULT_ACCENT_DARK)


def _stored():
    return Brand.objects.filter(pk=1).first() or Brand()


def current():
    """The brand (an unsaved default one until a superuser saves it)."""
    try:
        brand = cache.get(_CACHE_KEY)
    except CACHE_DOWN:
        # Pages go on without the cache (helpcenter/unavailable.py).
        return _stored()
    if brand is None:
        brand = _stored()
        with contextlib.suppress(CACHE_DOWN):
            cache.set(_CACHE_KEY, brand, None)
    return brand


def brand_changed(**kwargs):
    """The brand was saved: every page shows it (signal receiver)."""
    with contextlib.suppress(CACHE_DOWN):
        cache.delete(_CACHE_KEY)
    page_cache.invalidate(CONTENT)


def _admin_header():
    return gettext("%(name)s administration") % {"name": current().site_name()}


admin_header = lazy(_admin_header, str)
