"""What the letters from visitors bring: their models for curators, and a health row."""

from django.utils.translation import gettext_lazy as _

from memorial.core import registry

from .models import Submission


def waiting_submissions():
    for submission in Submission.objects.waiting().order_by("created_at", "pk"):
        yield (
            submission,
            _("Waiting for a curator since %(date)s.")
            % {"date": submission.created_at.date().isoformat()},
        )


CONTRIBUTIONS = [
    registry.Content("submissions.Submission", order=80),
    registry.Content("submissions.Memory", order=81),
    registry.HealthCheck(_("Letters waiting for a curator"), waiting_submissions, order=80),
]
