from .models import ContentManager, PublishableQuerySet


class SlugManager(ContentManager.from_queryset(PublishableQuerySet)):
    """Published content addressed by a permanent slug, which is its natural key."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)
