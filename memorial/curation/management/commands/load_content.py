from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from memorial.curation.loader import FixtureError, load_fixtures


class Command(BaseCommand):
    help = (
        "Load the memorial's content from the fixtures folder in one transaction. "
        "Safe to run again: objects a curator has changed are kept and reported."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "directory",
            nargs="?",
            default=str(settings.MEMORIAL_FIXTURES_DIR),
            help="Folder with the fixture files (default: the project's fixtures/).",
        )

    def handle(self, directory, **options):
        try:
            report = load_fixtures(directory)
        except FixtureError as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        for label, reason in report.skipped:
            self.stdout.write(self.style.WARNING(f"Kept {label}: {reason}."))
        self.stdout.write(self.style.SUCCESS(f"Content loaded: {report.summary()}."))
