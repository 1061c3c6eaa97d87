from django.db import migrations

from memorial.search.migration_operations import TrigramIndexWithoutPendingList


class Migration(migrations.Migration):
    """Each event written goes straight into its trigram search index (PostgreSQL only)."""

    dependencies = [("events", "0004_rich_text_sanitised")]

    operations = [TrigramIndexWithoutPendingList("event")]
