"""What families and researchers send, and the memories a curator has accepted.

A submission is never public: it lives in the curators' queue. Accepting a
memory makes a `Memory`, which the person's page shows; accepting a
correction or a missing name opens a record for a curator to finish. The
sender's contact details are kept until a set time after the submission is
closed, then erased (`purge_submission_contacts`); the history keeps none of them.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from memorial.core.models import ContentManager, PublishableModel, PublishableQuerySet

#: Limits of what a visitor may send, in characters.
MAX_TEXT = 5000
MAX_EVIDENCE = 2000
MAX_NAME = 200


class Kind(models.TextChoices):
    MEMORY = "memory", _("A memory")
    CORRECTION = "correction", _("A correction")
    NAME = "name", _("A missing name")
    PHOTO = "photo", _("A photograph")


class Status(models.TextChoices):
    NEW = "new", _("New")
    IN_REVIEW = "in_review", _("In review")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    SPAM = "spam", _("Spam")


#: Statuses that wait for a curator; the others close a submission.
OPEN = (Status.NEW, Status.IN_REVIEW)
CLOSED = (Status.ACCEPTED, Status.DECLINED, Status.SPAM)


class Consent(models.TextChoices):
    PRIVATE = "private", _("Do not publish my words")
    NAMED = "named", _("Publish my words with my name")
    ANONYMOUS = "anonymous", _("Publish my words without my name")


class PrivateStorage(LazyObject):
    """Files sent by visitors: the `submissions` storage, never under the public media."""

    def _setup(self):
        self._wrapped = storages["submissions"]


private = PrivateStorage()


@receiver(setting_changed)
def _storages_changed(setting, **kwargs):
    if setting == "STORAGES":
        private._wrapped = empty


def private_storage():
    return private


def upload_to(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"{timezone.now():%Y/%m}/{secrets.token_hex(16)}.{extension}"


def new_token():
    return secrets.token_urlsafe(24)


class SubmissionQuerySet(models.QuerySet):
    def waiting(self):
        """What waits for a curator: new, or in review."""
        return self.filter(status__in=OPEN)

    def contact_expired(self, now=None):
        """Closed long enough ago that the sender's details must go."""
        now = now or timezone.now()
        days = settings.MEMORIAL_SUBMISSION_CONTACT_DAYS
        return self.filter(
            status__in=CLOSED,
            closed_at__lte=now - timedelta(days=days),
            contact_erased_at__isnull=True,
        )


class Submission(models.Model):
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
        help_text=_("The person the submission is about; for a missing name, the draft record."),
    )
    name_sent = models.CharField(
        _("name sent"),
        max_length=MAX_NAME,
        blank=True,
        help_text=_("For a missing name: the name as the sender wrote it."),
    )
    text = models.TextField(_("text"), max_length=MAX_TEXT)
    evidence = models.TextField(_("evidence or source"), max_length=MAX_EVIDENCE, blank=True)
    photo = models.FileField(
        _("photograph"), storage=private_storage, upload_to=upload_to, blank=True
    )
    sender_name = models.CharField(_("sender's name"), max_length=MAX_NAME, blank=True)
    sender_email = models.EmailField(_("sender's email"), blank=True)
    consent = models.CharField(
        _("consent"), max_length=10, choices=Consent.choices, default=Consent.PRIVATE
    )
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    contact_erased_at = models.DateTimeField(
        _("contact details erased at"), null=True, blank=True, editable=False
    )
    removal_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    curator_note = models.TextField(
        _("note for curators"), blank=True, help_text=_("Never shown to the sender or visitors.")
    )

    objects = SubmissionQuerySet.as_manager()
    # The sender's details are never copied into the history: erasing them erases them.
    history = HistoricalRecords(excluded_fields=["sender_name", "sender_email", "removal_token"])

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="submissions_status")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=Kind.values), name="submissions_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="submissions_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(consent__in=Consent.values), name="submissions_consent_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(language__in=[code for code, _name in settings.LANGUAGES]),
                name="submissions_language_valid",
            ),
            # Closed exactly when accepted, declined or marked as spam.
            models.CheckConstraint(
                condition=models.Q(status__in=OPEN, closed_at__isnull=True)
                | models.Q(status__in=CLOSED, closed_at__isnull=False),
                name="submissions_closed_when_decided",
            ),
        ]

    def __str__(self):
        return _("#%(number)s: %(kind)s") % {"number": self.pk, "kind": self.get_kind_display()}

    def save(self, *args, **kwargs):
        if self.status in CLOSED and self.closed_at is None:
            self.closed_at = timezone.now()
        elif self.status in OPEN:
            self.closed_at = None
        super().save(*args, **kwargs)

    def get_admin_url(self):
        return reverse("admin:submissions_submission_change", args=[self.pk])

    @property
    def is_open(self):
        return self.status in OPEN

    def erase_contact(self):
        """Forget who sent it: name, email and the removal link go, the words stay."""
        self.sender_name = ""
        self.sender_email = ""
        self.removal_token = new_token()
        self.contact_erased_at = timezone.now()
        self.save(
            update_fields=[
                "sender_name",
                "sender_email",
                "removal_token",
                "contact_erased_at",
                "updated_at",
            ]
        )


class Reply(models.Model):
    """A reply sent to the sender by email from the admin."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="replies", verbose_name=_("submission")
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), max_length=MAX_TEXT)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sent by"),
    )

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["sent_at", "pk"]

    def __str__(self):
        return self.subject


class MemoryQuerySet(PublishableQuerySet):
    """A memory is listed whole: its text is what the person's page shows."""


class Memory(PublishableModel):
    """Words a visitor sent about a person, published on the person's page as consented."""

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memories",
    )
    submission = models.OneToOneField(
        Submission,
        verbose_name=_("submission"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memory",
    )
    text = models.TextField(_("text"), max_length=MAX_TEXT)
    remembered_by = models.CharField(
        _("remembered by"),
        max_length=MAX_NAME,
        blank=True,
        help_text=_("Left empty, the memory is shown without a name."),
    )
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)

    objects = ContentManager.from_queryset(MemoryQuerySet)()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("memory")
        verbose_name_plural = _("memories")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(language__in=[code for code, _name in settings.LANGUAGES]),
                name="submissions_memory_language_valid",
            ),
        ]

    def __str__(self):
        return self.text[:60]

    def get_absolute_url(self):
        return f"{self.person.get_absolute_url()}#memory-{self.pk}"
