from django.db import migrations

from memorial.core.roles import sync_curators_group


def create_curators(apps, schema_editor):
    sync_curators_group(apps)


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("sources", "0001_initial"),
        ("events", "0001_initial"),
        ("figures", "0001_initial"),
        ("photos", "0001_initial"),
        ("articles", "0001_initial"),
        ("commemorations", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_curators, migrations.RunPython.noop),
    ]
