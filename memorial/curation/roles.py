"""Roles: what a curator may do. Content, never user accounts or groups."""

from django.apps import apps as global_apps

from memorial.core import registry

CURATORS = "Curators"

#: What curators may do with every content model a topic app registers.
CONTENT_ACTIONS = ("add", "change", "delete", "view")
#: Besides content: reading what the loader wrote.
OTHER_PERMISSIONS = {("core", "view_loadedrecord")}


def curator_permission_keys():
    """(app label, codename) of every permission the Curators group holds, exactly."""
    keys = set(OTHER_PERMISSIONS)
    for content in registry.contributions(registry.Content):
        app_label, _dot, model_name = content.model.lower().partition(".")
        keys.update((app_label, f"{action}_{model_name}") for action in CONTENT_ACTIONS)
    return keys


def sync_curators_group(apps=global_apps):
    """Create the Curators group, or reset its permissions to exactly `curator_permission_keys()`."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrate; a fresh database needs them now.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = curator_permission_keys()
    permissions = [
        permission
        for permission in Permission.objects.select_related("content_type")
        if (permission.content_type.app_label, permission.codename) in wanted
    ]
    missing = wanted - {(p.content_type.app_label, p.codename) for p in permissions}
    if missing:
        raise LookupError(f"Permissions not found: {sorted(missing)}")
    group, _ = Group.objects.get_or_create(name=CURATORS)
    group.permissions.set(permissions)
    return group


def sync_after_migrate(apps=global_apps, **kwargs):
    """After migrate (post_migrate), once every content model exists: reset the group."""
    try:
        for content in registry.contributions(registry.Content):
            apps.get_model(content.model)
    except LookupError:
        return  # a migration to an earlier state; the next full migrate syncs the group
    sync_curators_group(apps)
