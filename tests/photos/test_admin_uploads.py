"""Uploading through the admin: only clean images are stored, everything else is refused."""

import re

import pytest
from django.urls import reverse
from PIL import Image

from memorial.photos import images
from memorial.photos.models import Photo
from tests.factories import image_bytes
from tests.photos import files
from tests.photos.conftest import stored_files

pytestmark = pytest.mark.django_db

BAD_FILES = {
    "header claiming 100 000 x 100 000": (
        "huge.png",
        lambda: files.png_claiming(100_000, 100_000),
        "more than 40 megapixels",
    ),
    "header claiming 8 000 x 6 000": (
        "large.png",
        lambda: files.png_claiming(8_000, 6_000),
        "more than 40 megapixels",
    ),
    "half-truncated JPEG": ("cut.jpg", files.truncated_jpeg, "damaged or truncated"),
    "PNG with trailing HTML": ("polyglot.png", files.png_with_html, "appended after the end"),
    "JPEG bytes named .png": ("photo.png", image_bytes, "ends in “.png” but the file is a JPEG"),
    "SVG with a script": ("drawing.svg", files.svg_with_script, "not an image but text or markup"),
    "SVG with a script named .jpg": ("drawing.jpg", files.svg_with_script, "text or markup"),
    "HTML named .jpg": ("page.jpg", lambda: b"<!doctype html><p>hello", "text or markup"),
    "PDF named .jpg": ("scan.jpg", files.pdf_bytes, "not an image but a PDF document"),
    "TIFF": ("scan.tif", lambda: image_bytes(fmt="TIFF"), "TIFF images are not accepted"),
    "BMP": ("scan.bmp", lambda: image_bytes(fmt="BMP"), "BMP images are not accepted"),
    "ICO": ("icon.ico", lambda: image_bytes(size=(32, 32), fmt="ICO"), "ICO images are not"),
    "500-frame GIF": ("flag.gif", lambda: files.gif_frames(500), "GIF images are not accepted"),
    "500-frame animated PNG": (
        "flag.png",
        lambda: files.apng_frames(500),
        "animated with 500 frames; at most 100",
    ),
    "empty file": ("empty.jpg", lambda: b"", "The file is empty"),
    "random bytes": ("noise.jpg", lambda: bytes(range(256)) * 8, "not an image"),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_bad_file_is_refused_with_a_field_error_and_nothing_stored(case, upload, _media_root):
    """Each bad file gets a field error naming the problem: no row, no file, no server error."""
    name, build, message = BAD_FILES[case]
    response = upload(name, build())
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["image"]
    assert message in " ".join(errors["image"])
    assert not Photo.objects.exists()
    assert stored_files(_media_root) == []


def test_file_over_the_size_limit_is_refused(upload, _media_root):
    """A file over 25 MB is refused, and the message states the limit."""
    response = upload("big.jpg", files.over_size_limit(images.MAX_UPLOAD_BYTES))
    assert response.status_code == 200
    assert "the limit is 25 MB" in " ".join(response.context["adminform"].form.errors["image"])
    assert not Photo.objects.exists()
    assert stored_files(_media_root) == []


def test_upload_form_states_the_accepted_formats_and_limits(curator):
    """The form tells the curator which files it takes before they try."""
    from django.urls import reverse

    content = curator.get(reverse("admin:photos_photo_add")).content.decode()
    assert "JPEG, PNG or WebP only; at most 25 MB and 40 megapixels" in content
    assert 'accept="image/jpeg,image/png,image/webp"' in content


@pytest.mark.parametrize(
    ("name", "fmt", "stored_extension"),
    [
        ("a.JPG", "JPEG", "jpg"),
        ("a.jpeg", "JPEG", "jpg"),
        ("a.png", "PNG", "png"),
        ("a.webp", "WEBP", "webp"),
    ],
)
def test_accepted_image_is_stored_under_a_generated_name(
    upload, name, fmt, stored_extension, django_assert_max_num_queries
):
    """JPEG, PNG and WebP are accepted and stored under a new name with the detected extension."""
    with django_assert_max_num_queries(36):
        response = upload(f"../../etc/{name}", files.encode(files.detailed_image((900, 600)), fmt))
    assert response.status_code == 302, response.context["adminform"].form.errors
    photo = Photo.objects.get()
    assert photo.image.name.startswith("photos/")
    assert photo.image.name.endswith(f".{stored_extension}")
    assert "etc" not in photo.image.name and name.split(".")[0] != photo.image.name
    assert (photo.width, photo.height) == (900, 600)
    with photo.image.open("rb") as stored, Image.open(stored) as image:
        assert image.format == fmt
        assert image.size == (900, 600)


def test_stored_original_is_re_encoded_not_the_uploaded_bytes(upload):
    """A JPEG with a script appended is stored as Pillow's re-encoding: the script is gone."""
    payload = b"<script>alert(document.cookie)</script>"
    original = files.encode(files.detailed_image((300, 200)), "JPEG", quality=95) + payload
    assert upload("plain.jpg", original).status_code == 302
    photo = Photo.objects.get()
    for name in images.photo_file_names(photo):
        with photo.image.storage.open(name, "rb") as stored:
            content = stored.read()
        assert payload not in content
        assert content != original


def test_alt_text_checks_apply_to_every_language_in_the_admin(upload, _media_root):
    """An alt text that is a file name or the title is refused; no photo is stored, only
    the accepted upload, kept for the next try."""
    response = upload(
        "a.jpg",
        image_bytes(),
        alt_text_az="IMG_2041.JPG",
        alt_text_ru="Гвоздики на ступенях",
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "file name" in " ".join(errors["alt_text_az"])
    assert "repeats the title" in " ".join(errors["alt_text_ru"])
    assert not Photo.objects.exists()
    assert [p.parent.name for p in stored_files(_media_root)] == ["pending"]


def test_an_accepted_upload_survives_an_error_in_another_field(
    upload, curator, _media_root, django_capture_on_commit_callbacks
):
    """The form comes back with the upload kept under a signed reference and its preview;
    saving again without choosing the file stores it, and the kept copy goes."""
    response = upload("carnations.jpg", image_bytes(size=(64, 48)), alt_text_ru="")
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "Describe the image in this language too" in " ".join(form.errors["alt_text_ru"])
    html = response.content.decode()
    reference = re.search(r'name="image_pending" value="([^"]+)"', html).group(1)
    [kept] = stored_files(_media_root)
    assert kept.name in html  # the preview shows the kept file
    assert "64 × 48 pixels" in html
    assert kept.name not in reference  # signed, not a path a curator could change

    data = {
        "title_en": "Carnations on the steps",
        "slug": "carnations-on-the-steps",
        "kind": "illustration",
        "alt_text_en": "Red carnations lie on grey stone steps.",
        "alt_text_az": "Boz daş pilləkənlərdə qırmızı qərənfillər.",
        "alt_text_ru": "Красные гвоздики лежат на серых каменных ступенях.",
        "credit": "Black January Memorial",
        "source": form["source"].value(),
        "rights_en": "Made for this memorial.",
        "taken_precision": "unknown",
        "sort_order": 0,
        "published_at_0": "",
        "published_at_1": "",
        "image_pending": reference,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = curator.post(reverse("admin:photos_photo_add"), data)
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert (photo.width, photo.height) == (64, 48)
    assert "pending" not in [p.parent.name for p in stored_files(_media_root)]


@pytest.mark.parametrize("reference", ["photos/pending/x.jpg", "forged:abc", ""])
def test_a_forged_or_missing_reference_keeps_nothing(upload, curator, reference, _media_root):
    """Without a valid signed reference, the image is required as before."""
    response = curator.post(
        reverse("admin:photos_photo_add"),
        {"title_en": "Carnations", "slug": "carnations", "image_pending": reference},
    )
    assert response.status_code == 200
    assert "image" in response.context["adminform"].form.errors


def test_alternative_text_in_every_language_looks_required(curator):
    """The add form marks each language's alternative text as required, as the rule is."""
    html = curator.get(reverse("admin:photos_photo_add")).content.decode()
    for code in ("az", "en", "ru"):
        assert re.search(rf'<label class="required" for="id_alt_text_{code}"', html), code
