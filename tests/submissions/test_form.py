"""The public form: on its own page, linked from each person's page and from the wall."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from memorial.submissions.models import Kind, Status, Submission
from tests import factories
from tests.submissions.conftest import letter, shown_ago

pytestmark = pytest.mark.django_db

MARKUP = '<script>alert("x")</script><img src=x onerror=alert(1)><b>bold</b>'


def form_url(person=None):
    url = reverse("submissions:new")
    return f"{url}?person={person.slug}" if person else url


def test_each_person_page_links_to_the_form_for_that_person(client, person):
    page = client.get(person.get_absolute_url()).content.decode()
    assert f'href="{form_url(person)}"' in page
    assert "Send a correction or a memory" in page


def test_the_wall_links_to_the_form_for_a_missing_name(client, person):
    page = client.get(reverse("people:wall")).content.decode()
    assert f'href="{form_url()}"' in page
    assert "Send a missing name" in page


def test_the_form_is_plain_html_that_needs_no_script(client, person):
    response = client.get(form_url(person))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'method="post"' in page and 'enctype="multipart/form-data"' in page
    assert 'name="csrfmiddlewaretoken"' in page
    for name in (
        "kind",
        "text",
        "evidence",
        "photo",
        "sender_name",
        "sender_email",
        "consent",
        "language",
    ):
        assert f'name="{name}"' in page, name
    assert "<script" not in page.split("<main", 1)[-1]


def test_the_form_page_is_never_stored_by_a_cache(client, person):
    response = client.get(form_url(person))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("slug", ["nobody-of-that-name", "<script>"])
def test_an_unknown_person_is_a_404(client, person, slug):
    assert client.get(reverse("submissions:new"), {"person": slug}).status_code == 404


def test_a_draft_person_cannot_be_written_about_yet(client, person):
    draft = factories.make_person(is_published=False)
    assert client.get(form_url(draft)).status_code == 404


def test_a_memory_is_kept_for_the_curators_with_everything_sent(client, person, private_root):
    response = client.post(form_url(person), letter(evidence="Our family album."))
    submission = Submission.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("submissions:sent", args=[submission.removal_token])
    assert submission.person == person
    assert (submission.kind, submission.status) == (Kind.MEMORY, Status.NEW)
    assert submission.text.startswith("He taught me")
    assert submission.evidence == "Our family album."
    assert (submission.sender_name, submission.sender_email) == (
        "Leyla Məmmədova",
        "leyla@example.org",
    )
    assert (submission.consent, submission.language) == ("named", "az")
    receipt = client.get(response["Location"]).content.decode()
    assert f"#{submission.pk}" in receipt
    assert reverse("submissions:remove", args=[submission.removal_token]) in receipt


def test_a_missing_name_needs_the_name(client, person):
    response = client.post(form_url(), letter(kind="name", text="My uncle is not on the wall."))
    assert response.status_code == 400
    assert "name_sent" in response.context["form"].errors
    assert not Submission.objects.exists()
    client.post(form_url(), letter(kind="name", name_sent="Əli Hüseynov", text="My uncle."))
    submission = Submission.objects.get()
    assert (submission.kind, submission.person, submission.name_sent) == (
        Kind.NAME,
        None,
        "Əli Hüseynov",
    )


def test_the_wall_form_offers_only_a_missing_name_and_a_person_form_no_missing_name(client, person):
    response = client.post(form_url(person), letter(kind="name"))
    assert "kind" in response.context["form"].errors
    response = client.post(form_url(), letter(kind="memory", name_sent="A name"))
    assert "kind" in response.context["form"].errors
    assert not Submission.objects.exists()


@pytest.mark.parametrize(
    ("field", "size"),
    [("text", 5001), ("evidence", 2001), ("sender_name", 201), ("name_sent", 201)],
)
def test_over_size_text_is_a_field_error_and_what_was_written_is_kept(client, field, size):
    response = client.post(
        form_url(), letter(**{"kind": "name", "name_sent": "Əli", field: "a" * size})
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert ("a" * size) in response.content.decode()
    assert not Submission.objects.exists()


def test_a_null_character_is_a_field_error_not_a_server_error(client, person):
    response = client.post(form_url(person), letter(text="before\x00after"))
    assert response.status_code == 400
    assert "text" in response.context["form"].errors


def test_markup_in_every_field_is_kept_as_text_and_shown_inert_on_the_form(client, person):
    fields = dict.fromkeys(("text", "evidence", "sender_name"), MARKUP)
    response = client.post(form_url(person), letter(sender_email="not an email", **fields))
    page = response.content.decode()
    assert response.status_code == 400
    assert MARKUP not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    client.post(form_url(person), letter(**fields))
    submission = Submission.objects.get()
    assert submission.text == submission.evidence == submission.sender_name == MARKUP


def test_a_photograph_goes_through_the_image_pipeline_into_private_storage(
    client, person, private_root, settings
):
    upload = factories.image_bytes(size=(80, 60))
    photo = SimpleUploadedFile("IMG_0001.jpg", upload, content_type="image/jpeg")
    client.post(form_url(person), {**letter(kind="photo"), "photo": photo})
    submission = Submission.objects.get()
    stored = private_root / submission.photo.name
    assert stored.is_file()
    assert "IMG_0001" not in submission.photo.name
    assert stored.read_bytes() != upload  # re-encoded, never the uploaded bytes
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("photo.jpg", b"%PDF-1.4 a document pretending to be a photograph"),
        ("photo.png", b"<html><script>alert(1)</script></html>"),
        ("photo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("photo.jpg", b""),
    ],
)
def test_a_file_that_is_not_an_image_is_a_field_error_and_nothing_is_stored(
    client, person, private_root, name, content
):
    upload = SimpleUploadedFile(name, content, content_type="image/jpeg")
    response = client.post(form_url(person), {**letter(kind="photo"), "photo": upload})
    assert response.status_code == 400
    assert "photo" in response.context["form"].errors
    assert not Submission.objects.exists()
    assert not private_root.exists() or not any(p.is_file() for p in private_root.rglob("*"))


def test_a_photograph_kind_needs_a_photograph(client, person):
    response = client.post(form_url(person), letter(kind="photo"))
    assert "photo" in response.context["form"].errors


def test_the_form_speaks_every_language(client, person):
    for language, words in [
        ("az", "Düzəliş və ya xatirə göndərin"),
        ("ru", "Отправить исправление или воспоминание"),
    ]:
        url = f"/{language}/write/?person={person.slug}"
        page = client.get(url).content.decode()
        assert words in page, language


def test_a_post_too_soon_after_the_page_was_shown_is_refused(client, person):
    response = client.post(form_url(person), letter(shown=shown_ago(1)))
    assert response.status_code == 400
    assert "shown" in response.context["form"].errors
    assert not Submission.objects.exists()


def test_the_form_and_a_post_take_a_handful_of_queries(
    client, person, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        assert client.get(form_url(person)).status_code == 200
    # The person, the model's constraints checked by the form (each in a savepoint),
    # the letter and its first history row.
    with django_assert_max_num_queries(15):
        assert client.post(form_url(person), letter()).status_code == 302


def test_a_person_page_with_memories_reads_them_in_one_query(
    client, person, django_assert_max_num_queries
):
    from memorial.submissions.models import Memory

    for n in range(5):
        Memory.objects.create(person=person, text=f"Memory {n}", language="en", is_published=True)
    with django_assert_max_num_queries(12) as counted:
        page = client.get(person.get_absolute_url()).content.decode()
    assert page.count('id="memory-') == 5
    memory_queries = [q for q in counted.captured_queries if "submissions_memory" in q["sql"]]
    assert len(memory_queries) == 1
