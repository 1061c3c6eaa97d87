from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from memorial.curation.roles import CURATORS
from memorial.submissions.models import Status, Submission


class Command(BaseCommand):
    help = (
        "Email every active curator (and superuser) with an address the letters "
        "waiting for a curator: how many, and each one's kind, age and link. "
        "Run it daily; nothing is sent when nothing waits."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default="",
            help="The site's address for the links (https://memorial.example.org).",
        )

    def handle(self, *args, base_url, **options):
        waiting = list(Submission.objects.waiting().select_related("person").order_by("created_at"))
        if not waiting:
            self.stdout.write("Nothing waits; no digest sent.")
            return
        recipients = sorted(
            get_user_model()
            .objects.filter(is_active=True)
            .filter(Q(is_superuser=True) | Q(groups__name=CURATORS, is_staff=True))
            .exclude(email="")
            .values_list("email", flat=True)
            .distinct()
        )
        if not recipients:
            self.stdout.write("No curator has an email address; no digest sent.")
            return
        base = base_url.rstrip("/")
        with translation.override(settings.LANGUAGE_CODE):
            context = {
                "waiting": waiting,
                "new": sum(1 for s in waiting if s.status == Status.NEW),
                "today": timezone.localdate(),
                "queue_url": base
                + reverse("admin:submissions_submission_changelist")
                + "?waiting=yes",
                "base": base,
            }
            subject = render_to_string("submissions/digest_subject.txt", context).strip()
            body = render_to_string("submissions/digest.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
        self.stdout.write(
            f"Digest of {len(waiting)} letter(s) sent to {len(recipients)} curator(s)."
        )
