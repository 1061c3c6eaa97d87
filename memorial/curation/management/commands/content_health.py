from django.core.management.base import BaseCommand, CommandError

from memorial.curation.health import sorted_problems


class Command(BaseCommand):
    help = (
        "List what curators must fix: photos without real alt text or credit, figures "
        "without an as-of date, events without a source, published items linking to "
        "drafts, addresses that are not http(s), text missing in a language, placeholder dates. "
        "Problems a curator acknowledged as known gaps are counted apart."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--strict",
            action="store_true",
            help="Exit with an error when any problem is found (for CI or cron).",
        )

    def handle(self, *args, strict=False, **options):
        problems, acknowledged = sorted_problems()
        check = None
        for problem in problems:
            if problem.check != check:
                check = problem.check
                self.stdout.write(self.style.MIGRATE_HEADING(str(check)))
            opts = problem.obj._meta
            self.stdout.write(
                f"  {opts.app_label}.{opts.model_name} {problem.obj.pk} "
                f"“{problem.obj}”: {problem.message}"
            )
        known = f" {len(acknowledged)} known gap(s) acknowledged." if acknowledged else ""
        if not problems:
            self.stdout.write(self.style.SUCCESS(f"No problems found.{known}"))
            return
        summary = f"{len(problems)} problem(s) found.{known}"
        if strict:
            raise CommandError(summary)
        self.stdout.write(self.style.WARNING(summary))
