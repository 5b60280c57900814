from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class BrandingConfig(AppConfig):
    name = "branding"
    verbose_name = _("Site settings")

    def ready(self):
        from django.contrib import admin

        from .models import Brand, admin_header, brand_changed

        for signal in (post_save, post_delete):
            signal.connect(brand_changed, sender=Brand)
        # Read at every render: a new name shows at once.
        admin.site.site_header = admin_header()
        admin.site.site_title = admin_header()
