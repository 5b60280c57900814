import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from modeltranslation.admin import TabbedTranslationAdmin, TranslationAdmin
from reversion.admin import VersionAdmin
from reversion.models import Version

from . import editorial, images, publishing
from .models import DEFAULT_LANGUAGE, LANGUAGE_CODES, Article, Category, Image


@admin.register(Category)
class CategoryAdmin(VersionAdmin, TabbedTranslationAdmin):
    list_display = ("title", "key", "position")
    ordering = ("position", "id")
    prepopulated_fields = {"slug": ("title",)}


def _cut(text):
    """A list cell's value: the list cuts it to fit, the whole on hover."""
    return format_html('<span title="{}">{}</span>', text, text)


SUMMARY_MAX_LENGTH = Article._meta.get_field("summary").max_length


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        widgets = {
            f"summary_{code}": forms.Textarea(
                attrs={
                    "rows": 3,
                    "maxlength": SUMMARY_MAX_LENGTH,
                    # static/js/admin-article-form.js fills it in.
                    "data-counter": _("{count} of {max} characters"),
                }
            )
            for code in LANGUAGE_CODES
        }

    minor_edit = forms.BooleanField(
        label=_("Minor edit (typo)"),
        required=False,
        help_text=_(
            "A small correction of the default language's text: the "
            "translations stay up to date."
        ),
    )


class ReviewFilter(admin.SimpleListFilter):
    title = _("pending changes")
    parameter_name = "pending"

    def lookups(self, request, model_admin):
        return [
            ("review", _("Waiting for review")),
            ("scheduled", _("Scheduled")),
            ("copy", _("Draft changes to a live article")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "review":
            return queryset.waiting_for_review()
        if self.value() == "scheduled":
            return queryset.filter(
                Q(working_copy__publish_at__isnull=False)
                | Q(status=Article.Status.PUBLISHED, publish_at__gt=timezone.now())
            )
        if self.value() == "copy":
            return queryset.filter(working_copy__isnull=False)
        return queryset


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
class ArticleAdmin(VersionAdmin, TranslationAdmin):
    """One tab per language holding its title, slug, summary and body
    (static/js/admin-article-form.js; without JS, one after the other)."""

    form = ArticleAdminForm
    list_display = ("title", "category", "state", "translations")
    list_filter = ("status", ReviewFilter, FreshnessFilter, "category")
    list_select_related = ("category", "working_copy")
    search_fields = ("key", "title")
    prepopulated_fields = {
        f"slug_{code}": (f"title_{code}",) for code in LANGUAGE_CODES
    }
    change_form_template = "admin/articles/article/change_form.html"
    change_list_template = "admin/articles/article/change_list.html"
    object_history_template = "admin/articles/article/object_history.html"
    # The history's compare form lists reversion's action_list: newest first.
    history_latest_first = True

    class Media:
        js = ["js/admin-article-form.js"]

    def get_fieldsets(self, request, obj=None):
        shared = ["key", "category", "status", "publish_at", "position", "minor_edit"]
        return [
            (None, {"fields": shared}),
            *(
                (
                    get_language_info(code)["name_translated"],
                    {
                        "fields": [
                            f"{name}_{code}"
                            for name in ("title", "slug", "summary", "body")
                        ],
                        "classes": ["language-tab"],
                    },
                )
                for code in LANGUAGE_CODES
            ),
        ]

    @admin.display(description=_("translations"))
    def translations(self, article):
        return _cut(
            ", ".join(
                f"{code.upper()}: {article.freshness(code).label}"
                for code in LANGUAGE_CODES
            )
        )

    @admin.display(description=_("status"), ordering="status")
    def state(self, article):
        return _cut(editorial.state_label(article))

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if publishing.may_publish(request.user):
            return readonly
        return (*readonly, "status", "publish_at")

    def get_object(self, request, object_id, from_field=None):
        """The article, with its working copy's values when it has one: the
        form edits the copy (readers keep the stored text)."""
        article = super().get_object(request, object_id, from_field)
        if article is not None:
            # As stored, before the copy's schedule is laid over it.
            article.live = article.is_published()
            copy = publishing.working_copy(article)
            if copy is not None:
                copy.lay_over(article)
                article.publish_at = copy.publish_at or article.publish_at
        return article

    def save_model(self, request, obj, form, change):
        request.article_outcome = publishing.save_edit(
            obj,
            request.user,
            publishing.action_of(request.POST),
            minor_edit=form.cleaned_data.get("minor_edit", False),
        )

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        note = getattr(getattr(request, "article_outcome", None), "note", "")
        if note and reversion.is_active():
            # VersionAdmin made the change message the version's comment.
            reversion.set_comment(f"{entry.get_change_message()} {note}")
        return entry

    def _outcome_response(self, request, obj, default):
        outcome = getattr(request, "article_outcome", None)
        if outcome is None or outcome.kind == publishing.Outcome.SAVED:
            return default()
        self.message_user(request, outcome.message, messages.SUCCESS)
        if "_save" in request.POST:
            return HttpResponseRedirect(reverse("admin:articles_article_changelist"))
        return HttpResponseRedirect(
            reverse("admin:articles_article_change", args=[obj.pk])
        )

    def response_change(self, request, obj):
        return self._outcome_response(
            request,
            obj,
            lambda: super(ArticleAdmin, self).response_change(request, obj),
        )

    def response_add(self, request, obj, post_url_continue=None):
        return self._outcome_response(
            request,
            obj,
            lambda: super(ArticleAdmin, self).response_add(
                request, obj, post_url_continue
            ),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Buttons that act on the pending change without saving the form.
        if request.method == "POST" and (
            "_discard_draft" in request.POST or "_send_back" in request.POST
        ):
            return self._review_action(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def _review_action(self, request, object_id):
        article = self._article(request, object_id)
        if not publishing.may_publish(request.user):
            raise PermissionDenied
        if "_discard_draft" in request.POST:
            publishing.discard(article)
            self.message_user(
                request, _("The draft was discarded; the published text stays.")
            )
        else:
            comment = request.POST.get("review_comment", "").strip()
            # Past the field's maxlength, or a NUL byte (PostgreSQL would
            # refuse the row): not a form a browser sends.
            if len(comment) > publishing.MAX_COMMENT_LENGTH or "\x00" in comment:
                return HttpResponseBadRequest(
                    _("Say what to change, in at most %(count)d characters.")
                    % {"count": publishing.MAX_COMMENT_LENGTH}
                )
            if not comment:
                self.message_user(
                    request, _("Say what the editor should change."), messages.ERROR
                )
            else:
                publishing.send_back(article, request.user, comment)
                self.message_user(request, _("Sent back to the editor."))
        return HttpResponseRedirect(
            reverse("admin:articles_article_change", args=[article.pk])
        )

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
            live = obj is not None and getattr(obj, "live", False)
            context.update(publishing.form_context(obj, request.user, live))
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
        numbers = editorial.version_numbers(versions)
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
                "older_number": numbers.get(older),
                "newer_number": numbers.get(newer),
                "differences": editorial.differences(older, newer),
                "shared_differences": editorial.shared_differences(older, newer),
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
