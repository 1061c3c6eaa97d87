from django.apps import AppConfig


class WebConfig(AppConfig):
    """Serving the site: middleware, the page cache, error pages, media, logs and health."""

    name = "memorial.web"
