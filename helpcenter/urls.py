from allauth.account.decorators import secure_admin_login
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.decorators.http import require_safe
from django.views.generic import RedirectView

from articles.sitemaps import ArticleSitemap, CategorySitemap, HomeSitemap
from branding.views import brand_css

from . import views

sitemaps = {
    "home": HomeSitemap,
    "categories": CategorySitemap,
    "articles": ArticleSitemap,
}

# Our pages, which unlike Django's never read the request's body (why: errors.py).
handler400 = "helpcenter.errors.bad_request"
handler403 = "helpcenter.errors.permission_denied"
handler404 = "helpcenter.errors.page_not_found"
handler500 = "helpcenter.errors.server_error"

# The admin's own login would bypass allauth's rate limits and checks.
admin.site.login = secure_admin_login(admin.site.login)
# The admin's name ("<site name> administration") is the brand's:
# branding/apps.py.
# The lists need the width (1280 px without scrolling); the home lists the apps.
admin.site.enable_nav_sidebar = False

urlpatterns = [
    # Feedback and the search log were the articles app's before they had
    # apps of their own: editors' bookmarks lead to their new place.
    re_path(
        r"^admin/articles/feedback/(?P<rest>.*)$",
        RedirectView.as_view(
            url="/admin/feedback/feedback/%(rest)s", permanent=True, query_string=True
        ),
    ),
    re_path(
        r"^admin/articles/searchquery/(?P<rest>.*)$",
        RedirectView.as_view(
            url="/admin/search/searchquery/%(rest)s", permanent=True, query_string=True
        ),
    ),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    # Uploaded images, when kept on disk (an object store serves its own).
    path("media/<path:path>", views.media, name="media"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("brand.css", brand_css, name="brand_css"),
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
    path("", include("feedback.urls")),
    path("", include("search.urls")),
    path("", include("support.urls")),
    prefix_default_language=True,
)
