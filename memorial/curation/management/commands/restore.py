import tarfile

from django.core.management.base import BaseCommand, CommandError

from memorial.curation.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore an archive made by `backup` into a migrated, empty database (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz archive made by `backup`.")

    def handle(self, archive, **options):
        try:
            objects, files = restore_backup(archive)
        except (BackupError, tarfile.TarError, OSError) as error:
            raise CommandError(f"Nothing was restored: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Restored {objects} objects and {files} files."))
