import tarfile
import zlib

from django.core.management.base import BaseCommand, CommandError

from memorial.core.backup import BackupError, RestoreLimits, restore_backup

DEFAULTS = RestoreLimits()


class Command(BaseCommand):
    help = (
        "Restore an archive made by `backup` into a migrated, empty database (all or nothing). "
        "Every object is validated; an archive that expands past the limits is refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz archive made by `backup`.")
        parser.add_argument(
            "--max-total-mb",
            type=int,
            default=DEFAULTS.total_mb,
            help=f"Most the archive may expand to, in MB (default {DEFAULTS.total_mb}).",
        )
        parser.add_argument(
            "--max-files",
            type=int,
            default=DEFAULTS.files,
            help=f"Most media files (default {DEFAULTS.files}).",
        )
        parser.add_argument(
            "--max-file-mb",
            type=int,
            default=DEFAULTS.file_mb,
            help=f"Largest media file, in MB (default {DEFAULTS.file_mb}).",
        )
        parser.add_argument(
            "--max-data-mb",
            type=int,
            default=DEFAULTS.data_mb,
            help=f"Largest data.json, in MB (default {DEFAULTS.data_mb}).",
        )

    def handle(self, archive, max_total_mb, max_files, max_file_mb, max_data_mb, **options):
        limits = RestoreLimits(
            total_mb=max_total_mb, files=max_files, file_mb=max_file_mb, data_mb=max_data_mb
        )
        try:
            objects, files = restore_backup(archive, limits)
        except (BackupError, tarfile.TarError, OSError, EOFError, zlib.error) as error:
            raise CommandError(f"Nothing was restored: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Restored {objects} objects and {files} files."))
