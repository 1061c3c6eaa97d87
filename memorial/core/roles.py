"""Roles: what a curator may do. Content, never user accounts or groups."""

from django.apps import apps as global_apps

CURATORS = "Curators"

#: app label -> model -> actions; the permissions the Curators group holds, exactly.
CURATOR_PERMISSIONS = {
    "sources": {"source": ["add", "change", "delete", "view"]},
    "events": {"event": ["add", "change", "delete", "view"]},
    "figures": {"figure": ["add", "change", "delete", "view"]},
    "photos": {"photo": ["add", "change", "delete", "view"]},
    "articles": {"article": ["add", "change", "delete", "view"]},
    "commemorations": {"commemoration": ["add", "change", "delete", "view"]},
    "core": {"loadedrecord": ["view"]},
}


def curator_permission_keys():
    return {
        (app_label, f"{action}_{model}")
        for app_label, models in CURATOR_PERMISSIONS.items()
        for model, actions in models.items()
        for action in actions
    }


def sync_curators_group(apps=global_apps):
    """Create the Curators group, or reset its permissions to exactly the list above."""
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
