import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Article


class LatestArticlesFeed(Feed):
    description = _("New articles, testimonies and reports on the Black January Memorial.")

    def title(self):
        return _("%(site)s: articles") % {"site": settings.MEMORIAL_SITE_NAME}

    def link(self):
        return reverse("articles:list")

    def items(self):
        return Article.objects.published().order_by("-published_at", "-created_at")[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        if item.publication_date:
            return datetime.datetime.combine(
                item.publication_date, datetime.time(12), tzinfo=timezone.get_default_timezone()
            )
        return item.published_at or item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.author or item.publisher or None


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description
