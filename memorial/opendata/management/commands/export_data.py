from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from memorial.opendata import exports


class Command(BaseCommand):
    help = (
        "Write the published data (CSV, JSON and datapackage.json) into a new folder "
        "<directory>/<release>/, for archiving a release of the data."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--release", dest="data_version", help="Release name; today's date by default."
        )

    def handle(self, *args, directory, data_version=None, **options):
        version = data_version or timezone.localdate().isoformat()
        folder = directory / version
        if folder.exists():
            raise CommandError(f"{folder} exists already; a release is never overwritten.")
        folder.mkdir(parents=True)
        for name, text in exports.files(version).items():
            (folder / name).write_text(text, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Data release {version} written to {folder}."))
