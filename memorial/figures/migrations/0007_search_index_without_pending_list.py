from django.db import migrations

from memorial.search.migration_operations import TrigramIndexWithoutPendingList


class Migration(migrations.Migration):
    """Each figure written goes straight into its trigram search index (PostgreSQL only)."""

    dependencies = [("figures", "0006_figure_reading")]

    operations = [TrigramIndexWithoutPendingList("figure")]
