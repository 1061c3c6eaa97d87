from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.decorators.http import require_safe

from memorial.core.sitemaps import sitemaps
from memorial.core.views import RobotsView

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path(
        "sitemap.xml",
        require_safe(sitemap),
        {"sitemaps": sitemaps()},
        name="sitemap",
    ),
    path("robots.txt", RobotsView.as_view(), name="robots"),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("", include("memorial.core.urls")),
    path("sources/", include("memorial.sources.urls")),
    path("timeline/", include("memorial.events.urls")),
    path("toll/", include("memorial.figures.urls")),
    path("photos/", include("memorial.photos.urls")),
    path("articles/", include("memorial.articles.urls")),
    path("commemorations/", include("memorial.commemorations.urls")),
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
