"""Photo files follow their row; alternative text is checked in every language."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from memorial.photos import images
from memorial.photos.models import Photo
from tests.factories import image_bytes, make_photo
from tests.photos.conftest import stored_files

pytestmark = pytest.mark.django_db


def test_failed_database_write_leaves_no_file(_media_root):
    """A row that cannot be written (duplicate slug) leaves neither original nor renditions."""
    existing = make_photo(slug="carnations")
    before = stored_files(_media_root)
    assert len(before) == 1 + len(existing.renditions)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_photo(slug="carnations")
    assert stored_files(_media_root) == before


@pytest.mark.django_db(transaction=True)
def test_deleting_a_photo_removes_its_files(_media_root):
    """Deleting one photo removes its original and renditions and leaves the others."""
    kept, deleted = make_photo(), make_photo()
    deleted.delete()
    remaining = {path.relative_to(_media_root).as_posix() for path in stored_files(_media_root)}
    assert remaining == set(images.photo_file_names(kept))


@pytest.mark.django_db(transaction=True)
def test_bulk_delete_removes_files(_media_root):
    """The admin's "delete selected" deletes a queryset; the files still go."""
    make_photo()
    make_photo()
    Photo.objects.all().delete()
    assert stored_files(_media_root) == []


@pytest.mark.django_db(transaction=True)
def test_rolled_back_delete_keeps_the_files(_media_root):
    """Files go only when the deletion commits."""
    photo = make_photo()
    before = stored_files(_media_root)
    with pytest.raises(RuntimeError), transaction.atomic():
        photo.delete()
        raise RuntimeError
    assert stored_files(_media_root) == before


@pytest.mark.django_db(transaction=True)
def test_replacing_the_image_removes_the_old_files(_media_root):
    """A new image replaces the old one; the old original and renditions are deleted."""
    photo = make_photo()
    photo.image = SimpleUploadedFile("new.png", image_bytes(size=(700, 400), fmt="PNG"))
    photo.save()
    remaining = {path.relative_to(_media_root).as_posix() for path in stored_files(_media_root)}
    assert remaining == set(images.photo_file_names(photo))
    assert photo.image.name.endswith(".png") and (photo.width, photo.height) == (700, 400)


def test_saving_text_does_not_rewrite_files(_media_root):
    """Editing a caption keeps the same stored files."""
    photo = make_photo()
    before = stored_files(_media_root)
    photo.caption_en = "Another caption."
    photo.save()
    assert stored_files(_media_root) == before


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "in this language too"),
        ("IMG_2041.JPG", "file name"),
        ("carnations.jpeg", "file name"),
        ("DSC01234", "file name"),
        ("scan_0001", "file name"),
        ("2024-01-20 12.03.55", "file name"),
        ("  photo 3 ", "repeats the title"),
        ("PHOTO 3.", "repeats the title"),
    ],
)
@pytest.mark.parametrize("language", ["az", "en", "ru"])
def test_alt_text_is_refused_when_missing_a_file_name_or_the_title(language, value, message):
    """Every language's alternative text must describe the image."""
    photo = make_photo(title_en="Photo 3")
    setattr(photo, f"alt_text_{language}", value)
    with pytest.raises(ValidationError) as refused:
        photo.full_clean()
    assert message in " ".join(refused.value.message_dict[f"alt_text_{language}"])


def test_descriptive_alt_text_in_every_language_is_accepted():
    """The factory's photo, described in az, en and ru, is valid."""
    make_photo().full_clean()


def test_decorative_image_needs_no_alt_text():
    """A decorative image carries no content, so it needs no description."""
    photo = make_photo(is_decorative=True, alt_text_en="", alt_text_az="", alt_text_ru="")
    photo.full_clean()
