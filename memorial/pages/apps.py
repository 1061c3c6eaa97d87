from django.apps import AppConfig


class PagesConfig(AppConfig):
    """The pages of the memorial itself: home, about, robots.txt, the favicon, the sitemap."""

    name = "memorial.pages"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deploy checks)
