"""An admin list exported as CSV: the rows it shows, with the same filters,
streamed, and safe to open in a spreadsheet. Used by the feedback and
support lists."""

import csv

from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _


def csv_cell(value):
    """`value` as a cell's text. A spreadsheet would run a cell starting like
    a formula: readers wrote these texts, so they are kept as text."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class _Echo:
    """A file-like object csv.writer writes into, handing each line back."""

    def write(self, value):
        return value


class CsvExportMixin:
    """For a ModelAdmin: an "export/" URL (`<app>_<model>_export`) giving the
    list's rows as CSV, and `export_url` in the list's context (the list's
    template links to it). `csv_columns` is the header, `csv_row(obj)` the
    values of a row, `csv_name` starts the file's name."""

    csv_columns = []
    csv_name = "export"

    def csv_row(self, obj):
        raise NotImplementedError

    def _export_url_name(self):
        return f"{self.opts.app_label}_{self.opts.model_name}_export"

    def get_urls(self):
        export = path(
            "export/",
            self.admin_site.admin_view(self.export_csv),
            name=self._export_url_name(),
        )
        return [export, *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        query = request.GET.urlencode()
        export = reverse(f"admin:{self._export_url_name()}")
        extra_context = {
            **(extra_context or {}),
            "export_url": f"{export}?{query}" if query else export,
        }
        return super().changelist_view(request, extra_context)

    def export_csv(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            rows = self.get_changelist_instance(request).queryset
        except IncorrectLookupParameters:
            return HttpResponseBadRequest(_("These filters are not valid."))
        writer = csv.writer(_Echo())

        def lines():
            # The byte order mark makes spreadsheets read the file as UTF-8.
            yield "\ufeff" + writer.writerow(self.csv_columns)
            for row in rows.iterator(chunk_size=500):
                yield writer.writerow([csv_cell(value) for value in self.csv_row(row)])

        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        return StreamingHttpResponse(
            lines(),
            content_type="text/csv; charset=utf-8",
            headers={
                "Content-Disposition": (
                    f'attachment; filename="{self.csv_name}-{stamp}.csv"'
                )
            },
        )
