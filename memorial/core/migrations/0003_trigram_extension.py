from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    """pg_trgm for the search indexes; on SQLite the operation does nothing."""

    dependencies = [("core", "0002_curators_group")]

    operations = [TrigramExtension()]
