from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "support"
    verbose_name = _("Support")

    def ready(self):
        from articles import editorial

        from . import stats

        # Until the admin overview lists them (support.stats.most_requested).
        editorial.add_health_section(
            "admin/support/health_section.html", stats.most_requested_section
        )
