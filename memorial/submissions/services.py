"""What a curator's decision does, and what a sender's removal does.

Accepting a memory publishes it on the person's page as the sender consented;
accepting a correction or a missing name opens a record for a curator to
finish, linked to the submission. Both write several models, hence here.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from memorial.core.text import search_key

from .models import Consent, Kind, Memory, Status


def _person_model(submission):
    return type(submission)._meta.get_field("person").related_model


def _note(submission, admin_url):
    when = timezone.localtime(submission.created_at).strftime("%Y-%m-%d")
    return _("Submission #%(number)s of %(date)s (%(url)s): %(text)s") % {
        "number": submission.pk,
        "date": when,
        "url": admin_url,
        "text": submission.text,
    }


def _open_draft_person(submission, admin_url):
    """A draft record for a missing name, kept unpublished until a curator verifies it."""
    Person = _person_model(submission)
    name = submission.name_sent.strip()
    if not name:
        raise ValidationError(_("No name was sent."))
    stem = slugify(search_key(name))[:90].strip("-") or "name"
    person = Person(
        slug=f"{stem}-{submission.pk}",
        surname_en=name[:100],
        name_as_written=name[:255],
        to_verify=True,
        is_published=False,
        verify_note=_note(submission, admin_url),
    )
    person.full_clean()
    person.save()
    return person


def _flag_correction(submission, admin_url):
    """The correction is added to what remains to verify on the person's record."""
    person = submission.person
    note = _note(submission, admin_url)
    person.verify_note = f"{person.verify_note}\n\n{note}".strip()
    person.save(update_fields=["verify_note"])
    return person


def accept(submission, admin_url, user=None):
    """Accept a submission; returns what it published or opened (or None).

    Raises ValidationError when the record it opens is refused (the curator
    sees why, and the submission stays as it was).
    """
    with transaction.atomic():
        opened = None
        if submission.kind == Kind.MEMORY and submission.person_id:
            if submission.consent != Consent.PRIVATE:
                opened, _created = Memory.objects.update_or_create(
                    submission=submission,
                    defaults={
                        "person": submission.person,
                        "text": submission.text,
                        "remembered_by": (
                            submission.sender_name if submission.consent == Consent.NAMED else ""
                        ),
                        "language": submission.language,
                        "is_published": True,
                        "created_by": user,
                        "updated_by": user,
                    },
                )
        elif submission.kind == Kind.NAME:
            if submission.person_id is None:
                try:
                    opened = _open_draft_person(submission, admin_url)
                except ValidationError as error:
                    raise ValidationError(
                        _("The draft record could not be opened: %(errors)s")
                        % {"errors": "; ".join(error.messages)}
                    ) from error
                submission.person = opened
            else:
                opened = submission.person
        elif submission.kind in (Kind.CORRECTION, Kind.PHOTO) and submission.person_id:
            opened = _flag_correction(submission, admin_url)
        submission.status = Status.ACCEPTED
        submission.save()
    return opened


def set_status(submission, status):
    """Move a letter to another status (not to accepted: see `accept`).

    A memory published from a letter taken back from "accepted" leaves the
    person's page with it.
    """
    with transaction.atomic():
        if submission.status == Status.ACCEPTED and status != Status.ACCEPTED:
            Memory.objects.filter(submission=submission).update(is_published=False)
        submission.status = status
        submission.save()


def remove_for_sender(submission):
    """Everything the sender gave goes: the submission, its file and its published memory.

    A record a curator opened from it stays: it is the curator's work now.
    """
    with transaction.atomic():
        Memory.objects.filter(submission=submission).delete()
        Memory.history.filter(submission_id=submission.pk).delete()
        name = submission.photo.name if submission.photo else ""
        storage = submission.photo.storage
        submission.history.all().delete()
        submission.delete()
        if name:
            transaction.on_commit(lambda: storage.delete(name))
