from django.core.management.base import BaseCommand

from memorial.curation.roles import CURATORS, sync_curators_group


class Command(BaseCommand):
    help = (
        "Create the Curators group, or reset its permissions to exactly those in "
        "memorial/curation/roles.py (content only: never users or groups). Safe to re-run."
    )

    def handle(self, *args, **options):
        group = sync_curators_group()
        self.stdout.write(
            self.style.SUCCESS(f"{CURATORS}: {group.permissions.count()} permissions.")
        )
