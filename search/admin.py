"""The editors' view of the search log: what readers search for most, and
what they search for and do not find. Read-only: the log is written by
searches (engine.record), never by hand."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from . import engine
from .models import SearchQuery, Synonym


class ReportFilter(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("All")), *settings.LANGUAGES],
    )
    days = forms.TypedChoiceField(
        label=_("Period"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("7", _("Last 7 days")),
            ("30", _("Last 30 days")),
            ("90", _("Last 90 days")),
            ("", _("All time")),
        ],
    )


def _filter_links(form, request):
    """For each filter, its choices as links keeping the other filter."""
    links = []
    for name, field in form.fields.items():
        choices = []
        for value, label in field.choices:
            params = request.GET.copy()
            params[name] = value
            current = str(form.cleaned_data.get(name) or "") == value
            choices.append(
                {"label": label, "query": params.urlencode(), "current": current}
            )
        links.append({"label": field.label, "choices": choices})
    return links


@admin.register(SearchQuery)
class SearchQueryAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        data = {"days": "30", **request.GET.dict()}
        form = ReportFilter(data)
        if not form.is_valid():
            return HttpResponseBadRequest(
                "; ".join(
                    str(error) for errors in form.errors.values() for error in errors
                )
            )
        language = form.cleaned_data["language"] or None
        days = form.cleaned_data["days"]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Searches"),
            "filters": _filter_links(form, request),
            "top": engine.search_report(language=language, days=days),
            "zero": engine.search_report(
                language=language, days=days, zero_results=True
            ),
            **(extra_context or {}),
        }
        return TemplateResponse(
            request, "admin/search/searchquery/report.html", context
        )


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    list_display = ["terms", "language"]
    list_filter = ["language"]
    search_fields = ["terms"]
