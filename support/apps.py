from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "support"
    verbose_name = _("Support")

    def ready(self):
        from articles import overview

        from . import stats

        overview.add_panel(
            "admin/support/overview_panel.html", stats.most_requested_section
        )
