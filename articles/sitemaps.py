from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import translation

from .models import DEFAULT_LANGUAGE, LANGUAGE_CODES, Article, Category, x_default_url


class _PerLanguageSitemap(Sitemap):
    """One entry per (object, language) that exists, each listing the others
    as hreflang alternates (+ x-default), with that language's own lastmod."""

    def items(self):
        return [
            (obj, code) for obj in self.objects() for code in self.languages_of(obj)
        ]

    def languages_of(self, obj):
        return LANGUAGE_CODES

    def url_in(self, obj, language):
        return obj.url_in(language)

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
                        "location": origin + x_default_url(default),
                    }
                )
        return urls


class HomeSitemap(_PerLanguageSitemap):
    def objects(self):
        return ["articles:home"]

    def url_in(self, name, language):
        with translation.override(language):
            return reverse(name)


class CategorySitemap(_PerLanguageSitemap):
    def objects(self):
        # Categories readers can open: with an article published and due.
        return Category.objects.filter(
            articles__in=Article.objects.published()
        ).distinct()

    def languages_of(self, category):
        return category.translated_languages()


class ArticleSitemap(_PerLanguageSitemap):
    def objects(self):
        return Article.objects.published()

    def languages_of(self, article):
        return article.translated_languages()

    def lastmod(self, item):
        article, language = item
        return article.updated_at(language)
