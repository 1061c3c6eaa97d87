"""The project's addresses, and the wreaths' under /<language>/wreaths/."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from config.urls import handler500
from config.urls import urlpatterns as project_urls

from . import views

wreaths = (
    [
        path("", views.WreathListView.as_view(), name="list"),
        path("<slug:slug>/", views.WreathDetailView.as_view(), name="detail"),
    ],
    "newtopic",
)

urlpatterns = [*project_urls, *i18n_patterns(path("wreaths/", include(wreaths)))]

__all__ = ["handler500", "urlpatterns"]
