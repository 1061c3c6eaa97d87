from django.db import migrations

from memorial.search.migration_operations import TrigramIndexWithoutPendingList


class Migration(migrations.Migration):
    """Each source written goes straight into its trigram search index (PostgreSQL only)."""

    dependencies = [("sources", "0002_search_key")]

    operations = [TrigramIndexWithoutPendingList("source")]
