"""Helpfulness for editors: columns and a filter for the article list, a panel
with a weekly chart on each article's page, the list of answers (with a CSV
export) and the "needs attention" page. The article list and page are the
articles app's admin, extended here (the way one extends Django's UserAdmin):
Django imports this module after articles/admin.py (INSTALLED_APPS order)."""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import Truncator, format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.admin import ArticleAdmin
from articles.models import LANGUAGE_CODES, Article
from helpcenter.admin_csv import CsvExportMixin

from . import reads, stats
from .models import Feedback


def percent(share):
    return _("%(value)d%%") % {"value": round(share * 100)}


def _figures(helpfulness):
    return {
        "yes": helpfulness.yes,
        "no": helpfulness.no,
        "total": helpfulness.total,
        "share": percent(helpfulness.share),
        "lower_bound": percent(helpfulness.lower_bound),
    }


def helpfulness_summary(helpfulness):
    """The share, the counts and the Wilson lower bound: "82% (41/50) ≥ 70%"."""
    if not helpfulness.total:
        return None
    return format_html(
        "{}&nbsp;({}/{})<br>≥&nbsp;{}",
        percent(helpfulness.share),
        helpfulness.yes,
        helpfulness.total,
        percent(helpfulness.lower_bound),
    )


def _helpfulness_column(language=None):
    suffix = f"_{language}" if language else ""
    # Columns are made when the module is imported: their headers are
    # translated when shown, in the editor's language.
    description = (
        format_lazy(gettext_lazy("helpful ({language})"), language=language)
        if language
        else gettext_lazy("helpful (all)")
    )

    # Unanswered articles last when sorting worst first (the first click).
    @admin.display(
        description=description,
        ordering=F(f"fb_lower{suffix}").asc(nulls_last=True),
    )
    def column(article):
        return helpfulness_summary(
            stats.Helpfulness(
                getattr(article, f"fb_yes{suffix}"),
                getattr(article, f"fb_total{suffix}"),
            )
        )

    column.__name__ = f"helpfulness{suffix}"
    return column


class NeedsAttentionFilter(admin.SimpleListFilter):
    title = gettext_lazy("needs attention")
    parameter_name = "attention"

    def lookups(self, request, model_admin):
        return [
            ("low", _("Rarely helpful")),
            ("translation", _("A translation is less helpful")),
        ]

    def queryset(self, request, queryset):
        if self.value() not in ("low", "translation"):
            return queryset
        attention = stats.needs_attention()
        if self.value() == "low":
            ids = [article.pk for article, _helpfulness in attention.low]
        else:
            ids = [gap.article.pk for gap in attention.translations]
        return queryset.filter(pk__in=ids)


class HelpfulnessChangeList(ChangeList):
    """The article list, whose articles come with their answer counts (the
    columns show and sort by them). The list's actions get the same rows;
    the other admin pages get articles without the counting."""

    def get_queryset(self, request, exclude_parameters=None):
        return stats.with_helpfulness(
            super().get_queryset(request, exclude_parameters), LANGUAGE_CODES
        )


class HelpfulnessAdminMixin:
    """For ArticleAdmin: helpfulness columns (all languages, then each one)
    sortable by the Wilson lower bound, the "needs attention" filter, and
    the helpfulness panel on the article's page."""

    helpfulness_columns = [_helpfulness_column()] + [
        _helpfulness_column(code) for code in LANGUAGE_CODES
    ]

    def get_changelist(self, request, **kwargs):
        return HelpfulnessChangeList

    def get_list_display(self, request):
        return [*super().get_list_display(request), *self.helpfulness_columns]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), NeedsAttentionFilter]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "helpfulness": helpfulness_panel(object_id),
        }
        return super().change_view(request, object_id, form_url, extra_context)


def helpfulness_panel(object_id):
    """What templates/admin/feedback/helpfulness.html shows."""
    try:
        article_id = int(object_id)
    except ValueError:
        return None
    by_language = stats.helpfulness_by_language(article_id)
    read = reads.reads_by_language(article_id)
    languages = dict(settings.LANGUAGES)
    rows = [
        {"label": _("All languages"), "code": "", "helpfulness": by_language.get("")}
    ] + [
        {"label": languages[code], "code": code, "helpfulness": by_language.get(code)}
        for code in LANGUAGE_CODES
    ]
    answers = reverse("admin:feedback_feedback_changelist")
    for row in rows:
        row["answers_url"] = f"{answers}?article__id__exact={article_id}" + (
            f"&language__exact={row['code']}" if row["code"] else ""
        )
        row["reads"] = read.get(row["code"], 0)
        if row["helpfulness"]:
            row.update(_figures(row["helpfulness"]))
    weeks = stats.weekly_counts(article_id)
    chart = weekly_chart(weeks)
    weekly = reads.weekly_reads(article_id, [week.start for week in weeks])
    for bar, count in zip(chart["bars"], weekly, strict=True):
        bar["reads"] = count
    return {"rows": rows, "chart": chart}


# The chart's drawing area, in SVG user units.
CHART_WIDTH, CHART_HEIGHT = 640, 200
CHART_LEFT, CHART_TOP, CHART_BOTTOM = 36, 12, 28


def weekly_chart(weeks):
    """Geometry of a stacked bar chart (Yes below, No above) of `weeks`."""
    highest = max((week.total for week in weeks), default=0) or 1
    plot_height = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM
    slot = (CHART_WIDTH - CHART_LEFT) / len(weeks)
    baseline = CHART_HEIGHT - CHART_BOTTOM
    bars = []
    for number, week in enumerate(weeks):
        yes_height = week.yes / highest * plot_height
        no_height = week.no / highest * plot_height
        x = CHART_LEFT + number * slot
        bars.append(
            {
                "week": week,
                "x": round(x + slot * 0.2, 1),
                "width": round(slot * 0.6, 1),
                "label_x": round(x + slot / 2, 1),
                "yes_y": round(baseline - yes_height, 1),
                "yes_height": round(yes_height, 1),
                "no_y": round(baseline - yes_height - no_height, 1),
                "no_height": round(no_height, 1),
            }
        )
    return {
        "bars": bars,
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "left": CHART_LEFT,
        "top": CHART_TOP,
        "baseline": baseline,
        "label_y": CHART_HEIGHT - 8,
        "highest": highest,
        "yes": sum(week.yes for week in weeks),
        "no": sum(week.no for week in weeks),
    }


class WithCommentFilter(admin.SimpleListFilter):
    title = gettext_lazy("comment")
    parameter_name = "commented"

    def lookups(self, request, model_admin):
        return [("yes", _("With a comment")), ("no", _("Without a comment"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(comment="")
        if self.value() == "no":
            return queryset.filter(comment="")
        return queryset


@admin.register(Feedback)
class FeedbackAdmin(CsvExportMixin, admin.ModelAdmin):
    """Readers' answers: read-only (they are what readers said); deleting is
    allowed, e.g. for a comment that should not be kept. Exported as CSV."""

    csv_name = "feedback"
    csv_columns = [
        "answered_at",
        "first_answered_at",
        "article_id",
        "article_key",
        "article_title",
        "language",
        "answer",
        "reason",
        "comment",
        "search_query",
        "article_updated_at",
    ]

    list_display = (
        "voted_at",
        "article",
        "language",
        "value",
        "reason",
        "comment_excerpt",
        "search_query",
    )
    list_filter = (
        ("article", admin.RelatedOnlyFieldListFilter),
        "language",
        "value",
        "reason",
        WithCommentFilter,
        ("voted_at", admin.DateFieldListFilter),
    )
    list_select_related = ("article",)
    search_fields = ("comment", "search_query")
    fields = (
        "article",
        "language",
        "value",
        "reason",
        "comment",
        "search_query",
        "article_updated_at",
        "created_at",
        "voted_at",
    )
    readonly_fields = fields

    @admin.display(description=gettext_lazy("comment"))
    def comment_excerpt(self, answer):
        return Truncator(answer.comment).chars(80)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def csv_row(self, answer):
        return [
            answer.voted_at.isoformat(),
            answer.created_at.isoformat(),
            answer.article_id,
            answer.article.key,
            answer.article.title,
            answer.language,
            answer.value,
            answer.reason,
            answer.comment,
            answer.search_query,
            answer.article_updated_at.isoformat() if answer.article_updated_at else "",
        ]

    def get_urls(self):
        own = [
            path(
                "attention/",
                self.admin_site.admin_view(self.attention_view),
                name="feedback_feedback_attention",
            ),
        ]
        return own + super().get_urls()

    def attention_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        attention = stats.needs_attention()
        languages = dict(settings.LANGUAGES)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Articles that need attention"),
            "opts": self.model._meta,
            "low": [
                {"article": article, **_figures(helpfulness)}
                for article, helpfulness in attention.low
            ],
            "translations": [
                {
                    "article": gap.article,
                    "language": gap.language,
                    "language_name": languages.get(gap.language, gap.language),
                    "figures": _figures(gap.helpfulness),
                    "other_language_name": languages.get(
                        gap.other_language, gap.other_language
                    ),
                    "other_figures": _figures(gap.other_helpfulness),
                }
                for gap in attention.translations
            ],
            "min_votes": settings.FEEDBACK_ATTENTION_MIN_VOTES,
            "below": percent(settings.FEEDBACK_ATTENTION_BELOW),
        }
        return TemplateResponse(
            request, "admin/feedback/feedback/attention.html", context
        )


# The article list and page with the helpfulness columns, filter and panel.
admin.site.unregister(Article)


@admin.register(Article)
class ArticleWithHelpfulnessAdmin(HelpfulnessAdminMixin, ArticleAdmin):
    change_form_template = "admin/feedback/article_change_form.html"
