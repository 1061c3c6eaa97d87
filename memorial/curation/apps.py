from django.apps import AppConfig, apps
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate

from .roles import sync_after_migrate


class CurationConfig(AppConfig):
    """The curators' side: the admin site, content health, roles, the loader and backups."""

    name = "memorial.curation"

    def ready(self):
        # After every migrate, so that a newly installed topic app's models join the group.
        post_migrate.connect(
            sync_after_migrate, sender=apps.get_app_config("core"), dispatch_uid="curators-group"
        )


class MemorialAdminConfig(admin_apps.AdminConfig):
    """Installed in place of `django.contrib.admin`, so `admin.site` is the memorial's."""

    # Not curation's own configuration: that is CurationConfig.
    default = False

    default_site = "memorial.curation.sites.MemorialAdminSite"
