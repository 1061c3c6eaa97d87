"""The privacy notice, contact details erased after closing, and a sender's own removal."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from memorial.submissions.models import Memory, Status, Submission
from memorial.submissions.services import accept
from tests import factories
from tests.submissions.test_moderation import make_submission

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "Privacy notice"),
        ("az", "Məxfilik bildirişi"),
        ("ru", "Уведомление о конфиденциальности"),
    ],
)
def test_the_privacy_notice_says_what_is_kept_and_for_how_long(client, settings, language, heading):
    settings.MEMORIAL_SUBMISSION_CONTACT_DAYS = 90
    page = client.get(f"/{language}/write/privacy/").content.decode()
    assert f"<h1>{heading}</h1>" in page
    assert "90" in page


def test_the_form_and_the_receipt_link_to_the_privacy_notice(client, person):
    page = client.get(reverse("submissions:new")).content.decode()
    assert reverse("submissions:privacy") in page


def closed(person, days_ago, status=Status.DECLINED, photo=False, **fields):
    submission = make_submission(person, status=status, **fields)
    if photo:
        submission.photo.save("sent.jpg", ContentFile(factories.image_bytes()))
    moment = timezone.now() - datetime.timedelta(days=days_ago)
    Submission.objects.filter(pk=submission.pk).update(closed_at=moment)
    return submission


def test_contact_details_are_erased_a_set_time_after_closing(
    person, settings, private_root, django_capture_on_commit_callbacks
):
    settings.MEMORIAL_SUBMISSION_CONTACT_DAYS = 90
    old = closed(person, 91, status=Status.SPAM, photo=True)
    photo_path = private_root / old.photo.name
    recent = closed(person, 10)
    waiting = make_submission(person)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_submission_contacts")
    old.refresh_from_db()
    assert (old.sender_name, old.sender_email) == ("", "")
    assert old.contact_erased_at is not None
    assert old.text  # the words stay for the record
    assert not old.photo and not photo_path.exists()
    for kept in (recent, waiting):
        kept.refresh_from_db()
        assert kept.sender_email == "leyla@example.org"
    # No copy of the details is left in the history either.
    assert not hasattr(old.history.first(), "sender_email")
    # Running it again changes nothing.
    before = list(Submission.objects.values_list("pk", "updated_at"))
    call_command("purge_submission_contacts")
    assert list(Submission.objects.values_list("pk", "updated_at")) == before


def test_an_accepted_photograph_is_kept_after_the_contact_details_go(person, private_root):
    kept = closed(person, 200, status=Status.ACCEPTED, kind="photo", photo=True)
    call_command("purge_submission_contacts")
    kept.refresh_from_db()
    assert kept.photo and (private_root / kept.photo.name).exists()
    assert kept.sender_email == ""


def test_a_sender_removes_what_they_sent_with_their_link(
    client, person, private_root, django_capture_on_commit_callbacks
):
    submission = make_submission(person, consent="named")
    submission.photo.save("mine.jpg", ContentFile(factories.image_bytes()))
    photo_path = private_root / submission.photo.name
    accept(submission, "https://memorial.example.org/admin/")
    assert "He carried the wounded" in client.get(person.get_absolute_url()).content.decode()
    url = reverse("submissions:remove", args=[submission.removal_token])
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "no-store" in confirm["Cache-Control"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 200
    assert not Submission.objects.exists()
    assert not Memory.objects.exists()
    assert not Memory.history.filter(remembered_by="Leyla Məmmədova").exists()
    assert not photo_path.exists()
    assert "He carried the wounded" not in client.get(person.get_absolute_url()).content.decode()
    assert client.get(url).status_code == 404


def test_a_wrong_removal_link_is_a_404(client, person):
    make_submission(person)
    assert client.get(reverse("submissions:remove", args=["guessed-token"])).status_code == 404
    assert client.post(reverse("submissions:remove", args=["guessed-token"])).status_code == 404
    assert Submission.objects.count() == 1


def test_curators_erase_the_contact_details_on_request(curator_client, person):
    submission = make_submission(person)
    curator_client.post(
        reverse("admin:submissions_submission_changelist"),
        {"action": "erase_contact", "_selected_action": [submission.pk]},
    )
    submission.refresh_from_db()
    assert (submission.sender_name, submission.sender_email) == ("", "")


def test_a_letter_deleted_in_the_admin_takes_its_file_with_it(
    curator_client, person, private_root, django_capture_on_commit_callbacks
):
    submission = make_submission(person, kind="photo")
    submission.photo.save("gone.jpg", ContentFile(factories.image_bytes()))
    path = private_root / submission.photo.name
    with django_capture_on_commit_callbacks(execute=True):
        response = curator_client.post(
            reverse("admin:submissions_submission_delete", args=[submission.pk]), {"post": "yes"}
        )
    assert response.status_code == 302
    assert not Submission.objects.exists()
    assert not path.exists()
