from django.apps import AppConfig


class WebConfig(AppConfig):
    """Serving the site: middleware, the page cache, error pages, media, logs and health."""

    name = "memorial.web"

    def ready(self):
        # Models exist only once the apps are ready.
        from .cache import connect_signals

        connect_signals()
