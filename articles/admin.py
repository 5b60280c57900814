from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from modeltranslation.admin import TabbedTranslationAdmin
from reversion.admin import VersionAdmin
from reversion.models import Version

from . import editorial, images
from .models import DEFAULT_LANGUAGE, LANGUAGE_CODES, Article, Category, Image


@admin.register(Category)
class CategoryAdmin(VersionAdmin, TabbedTranslationAdmin):
    list_display = ("title", "key", "position")
    ordering = ("position", "id")
    prepopulated_fields = {"slug": ("title",)}


class ArticleAdminForm(forms.ModelForm):
    minor_edit = forms.BooleanField(
        label=_("Minor edit (typo)"),
        required=False,
        help_text=_(
            "A small correction of the default language's text: the "
            "translations stay up to date."
        ),
    )


class FreshnessFilter(admin.SimpleListFilter):
    title = _("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [
            (f"{code}:{state}", f"{code.upper()}: {label}")
            for code in LANGUAGE_CODES
            if code != DEFAULT_LANGUAGE
            for state, label in Article.Freshness.choices
        ]

    def queryset(self, request, queryset):
        code, _sep, state = (self.value() or "").partition(":")
        if code not in LANGUAGE_CODES or state not in Article.Freshness.values:
            return queryset
        return editorial.with_freshness(queryset, code, state)


@admin.register(Article)
class ArticleAdmin(VersionAdmin, TabbedTranslationAdmin):
    form = ArticleAdminForm
    list_display = ("title", "key", "category", "status", "publish_at", "translations")
    list_filter = ("status", FreshnessFilter, "category")
    list_select_related = ("category",)
    search_fields = ("key", "title")
    prepopulated_fields = {"slug": ("title",)}
    change_form_template = "admin/articles/article/change_form.html"
    change_list_template = "admin/articles/article/change_list.html"
    object_history_template = "admin/articles/article/object_history.html"
    # The history's compare form lists reversion's action_list: newest first.
    history_latest_first = True

    @admin.display(description=_("translations"))
    def translations(self, article):
        return ", ".join(
            f"{code.upper()}: {article.freshness(code).label}"
            for code in LANGUAGE_CODES
        )

    def save_model(self, request, obj, form, change):
        obj.save(minor_edit=form.cleaned_data.get("minor_edit", False))

    def get_urls(self):
        extra = [
            path(
                "<path:object_id>/change/preview/<str:language>/",
                self.admin_site.admin_view(require_POST(self.preview_view)),
                name="articles_article_preview",
            ),
            path(
                "add/preview/<str:language>/",
                self.admin_site.admin_view(require_POST(self.preview_view)),
                name="articles_article_preview_new",
            ),
            path(
                "health/",
                self.admin_site.admin_view(self.health_view),
                name="articles_article_health",
            ),
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="articles_article_compare",
            ),
        ]
        return extra + super().get_urls()

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        # Not on reversion's revert and recover forms: no preview/ URL lies
        # below theirs.
        if not (context.get("revert") or context.get("recover")):
            context["languages"] = editorial.language_links(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _article(self, request, object_id):
        """The article of an address of ours, or 404: the admin's own lookup
        turns an id that is no number ("abc", "²") into none."""
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404
        return article

    def preview_view(self, request, language, object_id=None):
        """The page readers would see in `language`, from the unsaved form."""
        if language not in LANGUAGE_CODES:
            raise PermissionDenied
        if object_id is None:
            article = Article(pk=0)
            allowed = self.has_add_permission(request)
        else:
            article = self._article(request, object_id)
            allowed = self.has_change_permission(request, article)
        if not allowed:
            raise PermissionDenied
        with translation.override(language):
            response = TemplateResponse(
                request,
                "articles/article.html",
                editorial.preview_context(article, request.POST, language),
            )
            return response.render()

    def compare_view(self, request, object_id):
        """Per-language differences between two versions of an article."""
        article = self._article(request, object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        versions = Version.objects.get_for_object(article).select_related(
            "revision__user"
        )
        older, newer = editorial.pick_versions(versions, request.GET)
        return TemplateResponse(
            request,
            "admin/articles/article/compare.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "original": article,
                "title": _("Compare versions of “%(title)s”") % {"title": article},
                "versions": versions,
                "older": older,
                "newer": newer,
                "differences": editorial.differences(older, newer),
            },
        )

    def health_view(self, request):
        """One page listing what editors should fix, each linking to the fix."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return TemplateResponse(
            request,
            "admin/articles/article/health.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": _("Content health"),
                **editorial.content_health(),
            },
        )


def _upload_field(code):
    return forms.FileField(
        label=format_lazy("{} ({})", _("Image file"), code.upper()),
        required=False,
        help_text=format_lazy(
            _(
                "PNG, JPEG, WebP or GIF, at most {} MB. Leave empty to keep the "
                "current one; a language without its own shows the default "
                "language’s."
            ),
            images.MAX_UPLOAD_BYTES // 1024 // 1024,
        ),
    )


class _ImageAdminForm(forms.ModelForm):
    """Alt text in every language's tab; a file per language, checked and
    processed (images.process) while the form is cleaned, so that a refused
    file stores nothing."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.processed = {}
        has_default = (
            self.instance.pk is not None
            and self.instance.files.filter(language=DEFAULT_LANGUAGE).exists()
        )
        self.fields[f"upload_{DEFAULT_LANGUAGE}"].required = not has_default

    def clean(self):
        cleaned = super().clean()
        for code in LANGUAGE_CODES:
            upload = cleaned.get(f"upload_{code}")
            if upload:
                try:
                    self.processed[code] = images.process(upload)
                except images.ImageRefused as error:
                    self.add_error(f"upload_{code}", error)
        return cleaned


# One upload field per language, declared so that the admin lays them out.
ImageAdminForm = type(
    "ImageAdminForm",
    (_ImageAdminForm,),
    {f"upload_{code}": _upload_field(code) for code in LANGUAGE_CODES},
)


@admin.register(Image)
class ImageAdmin(TabbedTranslationAdmin):
    form = ImageAdminForm
    list_display = ("key", "alt", "languages", "markdown")
    search_fields = ("key", "alt")

    @admin.display(description=_("own file in"))
    def languages(self, image):
        return ", ".join(sorted(file.language.upper() for file in image.files.all()))

    @admin.display(description=_("Markdown"))
    def markdown(self, image):
        return f"![{image.alt}](image:{image.key})"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("files")

    def get_readonly_fields(self, request, obj=None):
        # The key is in articles' Markdown: changing it would break them.
        return ("key",) if obj is not None else ()

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            obj.save()
            for code, processed in form.processed.items():
                obj.attach(code, processed)

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(
            objs, request
        )
        in_use = [
            _("%(image)s is shown by the article “%(article)s”")
            % {"image": image, "article": article}
            for image in objs
            for article in image.used_by()
        ]
        return deleted, counts, perms_needed, [*protected, *in_use]
