"""Request limits: oversized or overfull requests are refused cleanly, never with a 500."""

from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from memorial.articles.models import Article
from memorial.core.html import MAX_HTML_LENGTH
from memorial.photos import images
from memorial.photos.models import Photo

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-curator-passphrase"


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)
    client.force_login(user)
    return client


def test_the_request_limit_fits_the_largest_photo_and_no_more():
    """One 25 MB photo and its form fit; much more does not."""
    assert images.MAX_UPLOAD_BYTES < settings.MEMORIAL_MAX_REQUEST_BYTES
    assert settings.MEMORIAL_MAX_REQUEST_BYTES <= images.MAX_UPLOAD_BYTES + 4 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 8 * 1024 * 1024
    assert 0 < settings.DATA_UPLOAD_MAX_NUMBER_FILES <= 50
    assert 0 < settings.DATA_UPLOAD_MAX_NUMBER_FIELDS <= 5000


def test_an_oversized_upload_to_the_admin_is_refused_with_413(admin_client):
    """A photo upload larger than the whole-request limit is refused before it is read."""
    too_big = SimpleUploadedFile(
        "huge.jpg", b"\xff" * (settings.MEMORIAL_MAX_REQUEST_BYTES + 1), "image/jpeg"
    )
    response = admin_client.post(
        reverse("admin:photos_photo_add"), {"title_en": "Huge", "image": too_big}
    )
    assert response.status_code == 413
    assert "larger than the 27 MB one form may send" in response.content.decode()
    assert "curators’ workroom" in response.content.decode()
    assert not Photo.objects.exists()


def test_a_photo_between_the_photo_limit_and_the_request_limit_gets_a_form_error(admin_client):
    """Just over 25 MB reaches the form, which explains the photo limit to the curator."""
    big = SimpleUploadedFile("big.jpg", b"\xff" * (images.MAX_UPLOAD_BYTES + 1), "image/jpeg")
    response = admin_client.post(
        reverse("admin:photos_photo_add"), {"title_en": "Big", "image": big}
    )
    assert response.status_code == 200
    assert "the limit is 25 MB" in response.context["adminform"].form.errors["image"][0]
    assert not Photo.objects.exists()


def test_too_many_fields_is_a_clean_400(admin_client):
    """A form with more fields than any admin page needs is a 400, not a 500, saying so."""
    fields = {f"field{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = admin_client.post(reverse("admin:events_event_add"), fields)
    assert response.status_code == 400
    assert "more fields or files than one form may" in response.content.decode()


def test_too_many_files_is_a_clean_400(admin_client):
    """More files than DATA_UPLOAD_MAX_NUMBER_FILES in one request is a 400."""
    files = {
        f"file{n}": SimpleUploadedFile(f"{n}.jpg", b"x", "image/jpeg")
        for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)
    }
    response = admin_client.post(reverse("admin:photos_photo_add"), files)
    assert response.status_code == 400


def test_a_large_form_without_files_is_refused_in_the_workrooms_look(admin_client, settings):
    """Form data beyond DATA_UPLOAD_MAX_MEMORY_SIZE is a 413 page of the admin saying what
    happened and what to do, in debug mode too, never the debug page."""
    settings.DEBUG = True
    body = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = admin_client.post(reverse("admin:events_event_add"), {"title_en": body})
    assert response.status_code == 413
    content = response.content.decode()
    assert "larger than the 8.0\xa0MB one form may send, so nothing was saved" in content
    assert "Go back in your browser" in content
    assert "curators’ workroom" in content
    assert "Traceback" not in content


def test_a_long_real_article_fits(admin_client):
    """An article with the longest body a rich text may hold, in all three languages and
    Russian in Cyrillic (six bytes a letter once the browser encodes it), is saved."""
    paragraph = "<p>" + "Ночью 20 января войска вошли в Баку. " * 100 + "</p>"
    body_ru = (paragraph * (MAX_HTML_LENGTH // len(paragraph)))[:MAX_HTML_LENGTH]
    body_ru = body_ru[: body_ru.rindex("</p>") + 4]
    latin = "<p>" + "On the night of 20 January troops entered Baku. " * 100 + "</p>"
    body_en = (latin * (MAX_HTML_LENGTH // len(latin)))[: MAX_HTML_LENGTH - 10]
    body_en = body_en[: body_en.rindex("</p>") + 4]
    data = {
        "title_en": "A long article",
        "slug": "a-long-article",
        "kind": "summary",
        "publisher": "The memorial",
        "language": "en",
        "publication_precision": "unknown",
        "body_en": body_en,
        "body_az": body_ru,
        "body_ru": body_ru,
        "published_at_0": "",
        "published_at_1": "",
    }
    encoded = len(urlencode(data))
    assert encoded > 2_621_440  # the limit before: such an article did not fit
    response = admin_client.post(
        reverse("admin:articles_article_add"),
        urlencode(data),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert len(Article.objects.get(slug="a-long-article").body_ru) > 290_000
