import datetime

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.utils import timezone

from memorial.photos import images
from memorial.photos.models import Photo


def stored_names(storage, directory):
    directories, files = storage.listdir(directory)
    for name in files:
        yield f"{directory}/{name}"
    for sub in directories:
        yield from stored_names(storage, f"{directory}/{sub}")


class Command(BaseCommand):
    help = (
        "Delete photo files that no photo refers to: left behind when a save was "
        "rolled back after its files were written. Files younger than --min-age "
        "minutes are kept, so an upload in progress is never touched."
    )

    def add_arguments(self, parser):
        parser.add_argument("--min-age", type=int, default=60, help="Minutes (default 60).")
        parser.add_argument(
            "--dry-run", action="store_true", help="List the files without deleting them."
        )

    def handle(self, *args, min_age, dry_run, **options):
        storage = default_storage
        if not storage.exists("photos"):
            self.stdout.write("No photo files.")
            return
        referenced = set()
        for photo in Photo.objects.only("image", "renditions").iterator():
            referenced.update(images.photo_file_names(photo))
        cutoff = timezone.now() - datetime.timedelta(minutes=min_age)
        orphans = [
            name
            for name in stored_names(storage, "photos")
            if name not in referenced and storage.get_modified_time(name) < cutoff
        ]
        for name in orphans:
            if not dry_run:
                storage.delete(name)
            self.stdout.write(name)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(self.style.SUCCESS(f"{verb} {len(orphans)} orphaned files."))
