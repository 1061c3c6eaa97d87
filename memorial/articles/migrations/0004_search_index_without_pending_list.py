from django.db import migrations

from memorial.search.migration_operations import TrigramIndexWithoutPendingList


class Migration(migrations.Migration):
    """Each article written goes straight into its trigram search index (PostgreSQL only)."""

    dependencies = [("articles", "0003_rich_text_sanitised")]

    operations = [TrigramIndexWithoutPendingList("article")]
