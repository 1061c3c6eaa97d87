from django.core.management.base import BaseCommand

from memorial.curation.backup import create_backup


class Command(BaseCommand):
    help = "Back up the database and the media files together into one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Where to write the archive, e.g. memorial.tar.gz")

    def handle(self, archive, **options):
        objects, files = create_backup(archive)
        self.stdout.write(
            self.style.SUCCESS(f"Backed up {objects} objects and {files} files to {archive}.")
        )
