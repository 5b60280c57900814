from django import forms
from django.contrib import admin
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from articles import images

from .models import Brand

# Logos are shown small: the narrowest variant (480 px at most) is plenty.
LOGO_FIELDS = {"upload_logo_light": "logo_light", "upload_logo_dark": "logo_dark"}


class BrandForm(forms.ModelForm):
    upload_logo_light = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG, JPEG, WebP or GIF; shown in the header and in emails."),
    )
    upload_logo_dark = forms.FileField(
        label=_("Logo for dark mode"),
        required=False,
        help_text=_("Optional: readers using dark mode see it instead."),
    )

    def clean(self):
        cleaned = super().clean()
        self.logos = {}
        for upload_field, model_field in LOGO_FIELDS.items():
            if upload := cleaned.get(upload_field):
                try:
                    self.logos[model_field] = images.process(upload).variants[0]
                except images.ImageRefused as error:
                    self.add_error(upload_field, error)
        return cleaned


@admin.register(Brand)
class BrandAdmin(TranslationAdmin):
    """The site's settings: one row, for superusers alone."""

    form = BrandForm

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    has_change_permission = has_view_permission

    def has_add_permission(self, request):
        return self.has_module_permission(request) and not Brand.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # One row: the list is its form.
        if Brand.objects.exists():
            return redirect("admin:branding_brand_change", 1)
        return redirect("admin:branding_brand_add")

    def save_model(self, request, obj, form, change):
        written = []
        try:
            with transaction.atomic():
                for field, variant in form.logos.items():
                    name = default_storage.save(
                        f"branding/{field}.webp", ContentFile(variant.data)
                    )
                    written.append(name)
                    setattr(obj, field, name)
                    if field == "logo_light":
                        obj.logo_width, obj.logo_height = variant.width, variant.height
                obj.save()
        except BaseException:
            for name in written:
                default_storage.delete(name)
            raise
