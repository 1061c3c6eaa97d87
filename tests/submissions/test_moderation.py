"""Nothing public before a curator accepts; what accepting does; the queue in the admin."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from memorial.submissions.models import Memory, Status, Submission
from tests import factories

pytestmark = pytest.mark.django_db

MARKUP = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


def make_submission(person=None, **fields):
    values = {
        "kind": "memory",
        "person": person,
        "text": "He carried the wounded to the hospital on Bakikhanov Street.",
        "sender_name": "Leyla Məmmədova",
        "sender_email": "leyla@example.org",
        "consent": "named",
        "language": "az",
    }
    values.update(fields)
    return Submission.objects.create(**values)


def change_url(submission):
    return reverse("admin:submissions_submission_change", args=[submission.pk])


def accept(client, *submissions):
    return client.post(
        reverse("admin:submissions_submission_changelist"),
        {"action": "accept", "_selected_action": [s.pk for s in submissions]},
    )


def public_pages(person):
    return [
        person.get_absolute_url(),
        reverse("people:wall"),
        "/en/",
        reverse("search:search") + "?q=Bakikhanov",
        "/sitemap.xml",
    ]


def test_nothing_sent_is_public_before_a_curator_accepts_it(client, person):
    submission = make_submission(
        person, text="A memory: Bakikhanov Street, the night of 19 January."
    )
    make_submission(None, kind="name", name_sent="Zaur Bakikhanov-Sentname", text="A missing name")
    for url in public_pages(person):
        page = client.get(url).content.decode()
        assert "Bakikhanov Street, the night" not in page, url
        assert "Sentname" not in page, url
        assert "Leyla" not in page and "leyla@example.org" not in page, url
    assert not Memory.objects.published().exists()
    for status in (Status.IN_REVIEW, Status.DECLINED, Status.SPAM):
        submission.status = status
        submission.save()
        assert "Bakikhanov Street" not in client.get(person.get_absolute_url()).content.decode()


def test_accepting_a_memory_publishes_it_named_as_consented(visitor, curator_client, person):
    submission = make_submission(person)
    assert accept(curator_client, submission).status_code == 302
    submission.refresh_from_db()
    assert submission.status == Status.ACCEPTED and submission.closed_at is not None
    memory = Memory.objects.get(submission=submission)
    assert memory.is_public and memory.remembered_by == "Leyla Məmmədova"
    page = visitor.get(person.get_absolute_url()).content.decode()
    assert "He carried the wounded" in page
    assert "Remembered by Leyla Məmmədova" in page
    assert 'lang="az"' in page
    assert "leyla@example.org" not in page


def test_accepting_an_anonymous_memory_publishes_it_without_the_name(
    visitor, curator_client, person
):
    accept(curator_client, make_submission(person, consent="anonymous"))
    page = visitor.get(person.get_absolute_url()).content.decode()
    assert "He carried the wounded" in page
    assert "Leyla" not in page
    assert "Remembered by a visitor who did not give a name" in page


def test_a_memory_whose_sender_did_not_consent_is_never_published(visitor, curator_client, person):
    accept(curator_client, make_submission(person, consent="private"))
    assert not Memory.objects.exists()
    assert "He carried the wounded" not in visitor.get(person.get_absolute_url()).content.decode()


def test_a_published_memory_shows_its_markup_as_text(visitor, curator_client, person):
    accept(curator_client, make_submission(person, text=MARKUP, sender_name=MARKUP))
    page = visitor.get(person.get_absolute_url()).content.decode()
    assert MARKUP not in page
    assert ESCAPED in page


def test_accepting_a_correction_opens_it_on_the_record_which_stays_published(
    curator_client, person
):
    submission = make_submission(person, kind="correction", text="He was born in 1961, not 1962.")
    accept(curator_client, submission)
    person.refresh_from_db()
    assert person.is_published
    assert f"#{submission.pk}" in person.verify_note
    assert "He was born in 1961, not 1962." in person.verify_note
    assert change_url(submission) in person.verify_note
    page = curator_client.get(change_url(submission)).content.decode()
    assert "The record to finish" in page


def test_accepting_a_missing_name_opens_a_draft_record_linked_to_it(visitor, curator_client):
    submission = make_submission(None, kind="name", name_sent="Əli Hüseynov", text="My uncle.")
    accept(curator_client, submission)
    submission.refresh_from_db()
    draft = submission.person
    assert draft is not None
    assert (draft.is_published, draft.to_verify) == (False, True)
    assert draft.name_as_written == "Əli Hüseynov"
    assert draft.slug == f"ali-huseynov-{submission.pk}" or draft.slug.endswith(f"-{submission.pk}")
    assert change_url(submission) in draft.verify_note
    assert visitor.get(draft.get_absolute_url()).status_code == 404


def test_a_name_the_record_refuses_leaves_the_submission_waiting_with_a_message(curator_client):
    submission = make_submission(None, kind="name", name_sent="   ", text="No name at all.")
    response = accept(curator_client, submission)
    submission.refresh_from_db()
    assert submission.status == Status.NEW
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("could not be opened" in m for m in messages)


def test_changing_the_status_on_the_form_accepts_too(visitor, curator_client, person):
    submission = make_submission(person, consent="anonymous")
    response = curator_client.post(
        change_url(submission),
        {
            "status": "accepted",
            "curator_note": "Checked with the family.",
            "replies-TOTAL_FORMS": 0,
            "replies-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    submission.refresh_from_db()
    assert submission.status == Status.ACCEPTED
    assert submission.curator_note == "Checked with the family."
    assert "He carried the wounded" in visitor.get(person.get_absolute_url()).content.decode()


def test_the_queue_filters_by_status_kind_and_waiting(curator_client, person):
    new = make_submission(person)
    spam = make_submission(person, status=Status.SPAM, text="Buy cheap watches")
    changelist = reverse("admin:submissions_submission_changelist")
    for query, shown, hidden in [
        ("?status__exact=spam", spam, new),
        ("?waiting=yes", new, spam),
        ("?kind__exact=memory&status__exact=new", new, spam),
    ]:
        page = curator_client.get(changelist + query).content.decode()
        assert change_url(shown) in page, query
        assert change_url(hidden) not in page, query


def test_the_admin_shows_every_field_a_visitor_wrote_as_inert_text(curator_client, person):
    submission = make_submission(
        person,
        text=MARKUP,
        evidence=MARKUP,
        name_sent=MARKUP,
        sender_name=MARKUP,
        sender_email="x@example.org",
    )
    for url in [change_url(submission), reverse("admin:submissions_submission_changelist")]:
        page = curator_client.get(url).content.decode()
        assert MARKUP not in page, url
        assert "<img src=x" not in page, url
        assert ESCAPED in page, url
    page = curator_client.get(change_url(submission)).content.decode()
    assert "x@example.org" in page  # the sender's details are there for curators


def test_a_curator_replies_by_email_from_the_admin_and_the_reply_is_kept(curator_client, person):
    submission = make_submission(person)
    reply_url = reverse("admin:submissions_submission_reply", args=[submission.pk])
    assert reply_url in curator_client.get(change_url(submission)).content.decode()
    page = curator_client.get(reply_url).content.decode()
    assert f"#{submission.pk}" in page
    response = curator_client.post(
        reply_url, {"subject": "Your memory", "body": "Thank you; we are checking it."}
    )
    assert response.status_code == 302
    (sent,) = mail.outbox
    assert sent.to == ["leyla@example.org"]
    assert sent.subject == "Your memory"
    assert sent.reply_to
    submission.refresh_from_db()
    assert submission.status == Status.IN_REVIEW
    assert submission.replies.get().body == "Thank you; we are checking it."
    assert (
        "Thank you; we are checking it."
        in curator_client.get(change_url(submission)).content.decode()
    )


def test_the_history_keeps_each_decision_and_never_the_senders_details(curator_client, person):
    submission = make_submission(person)
    accept(curator_client, submission)
    history = submission.history.order_by("history_date")
    assert [h.status for h in history] == ["new", "accepted"]
    field_names = {f.name for f in submission.history.model._meta.fields}
    assert not field_names & {"sender_name", "sender_email", "removal_token"}
    page = curator_client.get(
        reverse("admin:submissions_submission_history", args=[submission.pk])
    ).content.decode()
    assert "accepted" in page.lower()


def test_the_admin_index_shows_how_many_letters_wait(curator_client, person):
    make_submission(person)
    make_submission(person, status=Status.IN_REVIEW)
    make_submission(person, status=Status.DECLINED)
    page = curator_client.get(reverse("admin:index")).content.decode()
    assert "Waiting for a curator" in page
    assert "Submissions: 2" in page


def test_curators_may_work_the_queue(curator_client, person):
    submission = make_submission(person)
    assert curator_client.get(reverse("admin:submissions_submission_changelist")).status_code == 200
    assert curator_client.get(change_url(submission)).status_code == 200


def test_the_daily_digest_tells_curators_what_waits(curator, person):
    call_command("send_submissions_digest")
    assert mail.outbox == []
    first = make_submission(person)
    make_submission(None, kind="name", name_sent="Əli Hüseynov", text="x")
    make_submission(person, status=Status.ACCEPTED)
    call_command("send_submissions_digest", base_url="https://memorial.example.org")
    (digest,) = mail.outbox
    assert digest.to == [curator.email]
    assert digest.subject == "2 letters wait for a curator"
    assert f"https://memorial.example.org{change_url(first)}" in digest.body
    assert "Əli Hüseynov" in digest.body


def test_a_file_sent_is_served_to_staff_only(visitor, curator_client, person, private_root):
    from django.core.files.base import ContentFile

    submission = make_submission(person, kind="photo")
    submission.photo.save("x.jpg", ContentFile(factories.image_bytes()))
    url = reverse("admin:submissions_submission_photo", args=[submission.pk])
    anonymous = visitor.get(url)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    response = curator_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8")
    response.close()
    # No public address reaches it: it is not under the media folder.
    assert visitor.get(f"/media/{submission.photo.name}").status_code == 404


def test_staff_without_the_permission_cannot_open_a_file(client, person, private_root):
    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile

    submission = make_submission(person, kind="photo")
    submission.photo.save("x.jpg", ContentFile(factories.image_bytes()))
    staff = get_user_model().objects.create_user("staff", "s@example.org", "x" * 16, is_staff=True)
    client.force_login(staff)
    url = reverse("admin:submissions_submission_photo", args=[submission.pk])
    assert client.get(url).status_code == 403


def test_a_memory_taken_back_from_accepted_leaves_the_person_page(visitor, curator_client, person):
    submission = make_submission(person)
    accept(curator_client, submission)
    assert "He carried the wounded" in visitor.get(person.get_absolute_url()).content.decode()
    curator_client.post(
        reverse("admin:submissions_submission_changelist"),
        {"action": "decline", "_selected_action": [submission.pk]},
    )
    assert "He carried the wounded" not in visitor.get(person.get_absolute_url()).content.decode()
