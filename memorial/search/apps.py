from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Search over every kind of content the topic apps register."""

    name = "memorial.search"
