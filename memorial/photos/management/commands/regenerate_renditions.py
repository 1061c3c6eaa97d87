from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from memorial.photos import images
from memorial.photos.models import Photo


class Command(BaseCommand):
    help = (
        "Make every photo's renditions again from its stored original "
        "(after the widths or formats change). With --missing, only photos whose "
        "renditions are missing or incomplete."
    )

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="Only these photos (by slug).")
        parser.add_argument(
            "--missing",
            action="store_true",
            help="Skip photos whose renditions are already complete.",
        )

    def handle(self, *args, slugs, missing, verbosity, **options):
        photos = Photo.objects.order_by("pk")
        if slugs:
            photos = photos.filter(slug__in=slugs)
            unknown = set(slugs) - set(photos.values_list("slug", flat=True))
            if unknown:
                raise CommandError(f"No photo with slug: {', '.join(sorted(unknown))}")
        made = skipped = failed = 0
        for photo in photos.iterator(chunk_size=50):
            try:
                if missing:
                    wrote = images.ensure_renditions(photo)
                else:
                    images.regenerate(photo)
                    wrote = True
            except (ValidationError, OSError) as error:
                failed += 1
                message = "; ".join(getattr(error, "messages", [str(error)]))
                self.stderr.write(f"{photo.slug}: {message}")
                continue
            if wrote:
                made += 1
                if verbosity > 1:
                    self.stdout.write(f"{photo.slug}: {len(photo.renditions)} renditions")
            else:
                skipped += 1
        self.stdout.write(
            self.style.SUCCESS(f"Renditions made for {made} photos, {skipped} already complete.")
        )
        if failed:
            raise CommandError(f"{failed} photos could not be processed.")
