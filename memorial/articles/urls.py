from django.urls import path
from django.views.decorators.http import require_safe

from . import feeds, views

app_name = "articles"
urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("feed.rss", require_safe(feeds.LatestArticlesFeed()), name="feed-rss"),
    path("feed.atom", require_safe(feeds.LatestArticlesAtomFeed()), name="feed-atom"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
]
