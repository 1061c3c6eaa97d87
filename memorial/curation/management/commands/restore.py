import tarfile
import zlib

from django.core.management.base import BaseCommand, CommandError

from memorial.curation.backup import BackupError, RestoreLimits, restore_backup

DEFAULTS = RestoreLimits()
LIMIT_OPTIONS = (
    ("--max-total-mb", "total_mb", "Most the archive may expand to, in MB"),
    ("--max-files", "files", "Most media files"),
    ("--max-file-mb", "file_mb", "Largest media file, in MB"),
    ("--max-data-mb", "data_mb", "Largest data.json, in MB"),
)


class Command(BaseCommand):
    help = (
        "Restore an archive made by `backup` into a migrated, empty database (all or nothing). "
        "Every object is validated; an archive that expands past the limits is refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz archive made by `backup`.")
        for option, limit, text in LIMIT_OPTIONS:
            default = getattr(DEFAULTS, limit)
            parser.add_argument(
                option, dest=limit, type=int, default=default, help=f"{text} (default {default})."
            )

    def handle(self, archive, **options):
        limits = RestoreLimits(**{limit: options[limit] for _option, limit, _text in LIMIT_OPTIONS})
        try:
            objects, files = restore_backup(archive, limits)
        except (BackupError, tarfile.TarError, OSError, EOFError, zlib.error) as error:
            raise CommandError(f"Nothing was restored: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Restored {objects} objects and {files} files."))
