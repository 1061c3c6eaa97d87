from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from memorial.commemorations.views import CommemorationCalendarView
from memorial.pages.sitemaps import sitemap
from memorial.pages.views import FaviconView, RobotsView
from memorial.web.media import serve_media
from memorial.web.observability import health

handler500 = "memorial.web.errors.server_error"

urlpatterns = [
    path("health/", health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    # One address for curators; the admin follows the browser's language.
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", RobotsView.as_view(), name="robots"),
    path("favicon.ico", FaviconView.as_view(), name="favicon"),
]

urlpatterns += i18n_patterns(
    path("", include("memorial.pages.urls")),
    path("20-january.ics", CommemorationCalendarView.as_view(), name="calendar"),
    path("what-happened/", include("memorial.articles.story_urls")),
    path("search/", include("memorial.search.urls")),
    path("sources/", include("memorial.sources.urls")),
    path("timeline/", include("memorial.events.urls")),
    path("toll/", include("memorial.figures.urls")),
    path("photos/", include("memorial.photos.urls")),
    path("articles/", include("memorial.articles.urls")),
    path("commemorations/", include("memorial.commemorations.urls")),
    path("names/", include("memorial.people.urls")),
    path("write/", include("memorial.submissions.urls")),
    path("data/", include("memorial.opendata.urls")),
)

if settings.MEMORIAL_SERVE_MEDIA:
    urlpatterns.insert(
        0, re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.+)$", serve_media, name="media")
    )
