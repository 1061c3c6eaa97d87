from django.apps import AppConfig


class NewTopicConfig(AppConfig):
    name = "tests.newtopic"
    label = "newtopic"
    default_auto_field = "django.db.models.BigAutoField"
