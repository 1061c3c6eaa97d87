from django.core.management.base import BaseCommand
from django.db import transaction

from memorial.submissions.models import Status, Submission


class Command(BaseCommand):
    help = (
        "Erase the sender's name and email from every submission closed more than "
        "MEMORIAL_SUBMISSION_CONTACT_DAYS days ago, and the photograph of one declined "
        "or marked as spam. Run it daily; running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be erased, erase nothing."
        )

    def handle(self, *args, dry_run, **options):
        expired = Submission.objects.contact_expired().order_by("pk")
        count = expired.count()
        if dry_run:
            self.stdout.write(f"{count} submission(s) would lose their contact details.")
            return
        files = 0
        for submission in expired.iterator():
            with transaction.atomic():
                if submission.photo and submission.status in (Status.DECLINED, Status.SPAM):
                    name, storage = submission.photo.name, submission.photo.storage
                    submission.photo = ""
                    submission.save(update_fields=["photo"])
                    transaction.on_commit(lambda n=name, s=storage: s.delete(n))
                    files += 1
                submission.erase_contact()
        self.stdout.write(
            f"Erased the contact details of {count} submission(s) and {files} photograph(s)."
        )
