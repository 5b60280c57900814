from allauth.account.decorators import secure_admin_login
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.decorators.http import require_safe

from articles.sitemaps import ArticleSitemap, CategorySitemap, HomeSitemap

from . import views

sitemaps = {
    "home": HomeSitemap,
    "categories": CategorySitemap,
    "articles": ArticleSitemap,
}

# The admin's own login would bypass allauth's rate limits and checks.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        require_safe(sitemap),
        {"sitemaps": sitemaps},
        name="django.contrib.sitemaps.views.sitemap",
    ),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("articles.urls")),
    prefix_default_language=True,
)
