from django.db import migrations

from memorial.search.migration_operations import TrigramIndexWithoutPendingList


class Migration(migrations.Migration):
    """Each person written goes straight into its trigram search index (PostgreSQL only)."""

    dependencies = [("people", "0001_initial")]

    operations = [TrigramIndexWithoutPendingList("person")]
