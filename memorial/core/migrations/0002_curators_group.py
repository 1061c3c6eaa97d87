from django.db import migrations


class Migration(migrations.Migration):
    """The Curators group was first made here; curation now keeps it after every migrate."""

    dependencies = [("core", "0001_initial")]

    operations = []
