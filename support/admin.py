"""Support for editors: the requests (staff with the `view_supportrequest`
permission; read-only, CSV export) and, on each article's admin page, its
support figures beside feedback's helpfulness. The article admin is
extended as feedback extends it (Django imports this module after
feedback/admin.py, INSTALLED_APPS order)."""

from django.conf import settings
from django.contrib import admin
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import LANGUAGE_CODES, Article
from feedback.admin import percent
from helpcenter.admin_csv import CsvExportMixin

from . import deflection, stats
from .models import SupportRequest


@admin.register(SupportRequest)
class SupportRequestAdmin(CsvExportMixin, admin.ModelAdmin):
    """What readers sent: read-only, shown as plain text (the admin escapes
    every value); deleting is allowed, the rest goes after the retention.
    Exported as CSV."""

    csv_name = "support"
    csv_columns = [
        "id",
        "created_at",
        "email",
        "username",
        "language",
        "article_id",
        "article_title",
        "article_language",
        "reason",
        "subject",
        "message",
    ]

    list_display = ("created_at", "subject_excerpt", "email", "article", "language")
    list_filter = (
        ("article", admin.RelatedOnlyFieldListFilter),
        "language",
        "reason",
        ("created_at", admin.DateFieldListFilter),
    )
    list_select_related = ("article",)
    search_fields = ("subject", "message", "email", "username")
    fields = (
        "created_at",
        "email",
        "username",
        "language",
        "article",
        "article_language",
        "reason",
        "subject",
        "message",
    )
    readonly_fields = fields

    @admin.display(description=gettext_lazy("subject"))
    def subject_excerpt(self, request):
        return Truncator(request.subject).chars(80)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def csv_row(self, request):
        return [
            request.pk,
            request.created_at.isoformat(),
            request.email,
            request.username,
            request.language,
            request.article_id or "",
            request.article.title if request.article else "",
            request.article_language,
            request.reason,
            request.subject,
            request.message,
        ]


def _figures(figures):
    return {
        "opened": figures.opened,
        "sent": figures.sent,
        "avoided": figures.avoided,
        "yes": figures.yes,
        "score": percent(figures.score) if figures.score is not None else "",
    }


def support_panel(object_id, user):
    """What templates/admin/support/panel.html shows."""
    try:
        article_id = int(object_id)
    except ValueError:
        return None
    # The suggestions whose window has closed count from now on.
    deflection.flush()
    by_language = stats.by_language(article_id)
    languages = dict(settings.LANGUAGES)
    rows = [{"label": _("All languages"), "code": ""}] + [
        {"label": languages[code], "code": code} for code in LANGUAGE_CODES
    ]
    for row in rows:
        row.update(_figures(by_language.get(row["code"], stats.SelfService())))
    requests_url = None
    if user.has_perm("support.view_supportrequest"):
        changelist = reverse("admin:support_supportrequest_changelist")
        requests_url = f"{changelist}?article__id__exact={article_id}"
    return {
        "rows": rows,
        "weeks": [
            {"start": week.start, **_figures(week.figures)}
            for week in stats.weekly(article_id)
        ],
        "requests_url": requests_url,
    }


class SupportAdminMixin:
    """For the article admin: the support panel on each article's page,
    after what the admin it extends shows (feedback's helpfulness)."""

    change_form_template = "admin/support/article_change_form.html"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "support": support_panel(object_id, request.user),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, *args, **kwargs):
        # The add page too: the template extends the one it replaces.
        context["support_parent_template"] = self.parent_change_form_template
        return super().render_change_form(request, context, *args, **kwargs)


# Whatever admin the article has now (feedback's), with the support panel.
_extended = type(admin.site.get_model_admin(Article))
admin.site.unregister(Article)


@admin.register(Article)
class ArticleWithSupportAdmin(SupportAdminMixin, _extended):
    parent_change_form_template = (
        _extended.change_form_template or "admin/articles/article/change_form.html"
    )
