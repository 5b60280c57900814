from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import translation

from .models import DEFAULT_LANGUAGE, Article, Category


class _PerLanguageSitemap(Sitemap):
    """One entry per (object, language) that exists, each listing the others
    as hreflang alternates (+ x-default), with that language's own lastmod."""

    def items(self):
        return [
            (obj, code) for obj in self.objects() for code in self.languages_of(obj)
        ]

    def languages_of(self, obj):
        return [code for code, _name in settings.LANGUAGES]

    def url_in(self, obj, language):
        with translation.override(language):
            return self.path(obj)

    def location(self, item):
        obj, language = item
        return self.url_in(obj, language)

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        origin = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        for url in urls:
            obj, _language = url["item"]
            languages = self.languages_of(obj)
            url["alternates"] = [
                {"lang_code": code, "location": origin + self.url_in(obj, code)}
                for code in languages
            ]
            if DEFAULT_LANGUAGE in languages:
                default = self.url_in(obj, DEFAULT_LANGUAGE)
                url["alternates"].append(
                    {
                        "lang_code": "x-default",
                        "location": origin
                        + default.removeprefix(f"/{DEFAULT_LANGUAGE}"),
                    }
                )
        return urls


class HomeSitemap(_PerLanguageSitemap):
    def objects(self):
        return ["articles:home"]

    def path(self, name):
        return reverse(name)


class CategorySitemap(_PerLanguageSitemap):
    def objects(self):
        return Category.objects.filter(
            articles__status=Article.Status.PUBLISHED
        ).distinct()

    def languages_of(self, category):
        return category.translated_languages()

    def path(self, category):
        return category.get_absolute_url()


class ArticleSitemap(_PerLanguageSitemap):
    def objects(self):
        return Article.objects.published()

    def languages_of(self, article):
        return article.translated_languages()

    def path(self, article):
        return article.get_absolute_url()

    def lastmod(self, item):
        article, language = item
        return article.updated_at(language)
