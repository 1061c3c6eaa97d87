"""A full disk or an unwritable media folder during an upload: a form error, nothing stored.

The failures are real: the kernel refuses the writes. Tests run as root, for
whom file permissions are no obstacle, so a full disk is a file-size limit
(RLIMIT_FSIZE, which binds root too: the write stops part way, as on a full
disk) and an unwritable folder is one on sysfs, where not even root may
create anything.
"""

import contextlib
import io
import resource
import signal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from memorial.photos.models import Photo
from tests.curation.forms import admin_form_data

from . import files
from .conftest import stored_files

pytestmark = pytest.mark.django_db

UNWRITABLE = Path("/sys/fs/memorial-media")
MESSAGE = "could not be stored"


@contextlib.contextmanager
def disk_full_after(limit):
    """Any file write past `limit` bytes fails with EFBIG, as a full disk fails with ENOSPC."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, handler)


def big_photo():
    """A JPEG whose re-encoded original is far over the 64 KB the disk has room for."""
    return files.encode(files.detailed_image((1200, 900)), "JPEG", quality=95)


def assert_refused_on_the_image(response):
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["image"]
    assert MESSAGE in " ".join(errors["image"])


def test_disk_full_gives_a_form_error_and_leaves_no_file(upload, _media_root):
    """The original is cut off part way: the form says so, and no row or partial file stays."""
    content = big_photo()
    with disk_full_after(64 * 1024):
        response = upload("carnations.jpg", content)
    assert_refused_on_the_image(response)
    assert not Photo.objects.exists()
    assert stored_files(_media_root) == []
    # The form kept what the curator typed.
    assert response.context["adminform"].form["title_en"].value() == "Carnations on the steps"


def test_an_unwritable_media_folder_gives_a_form_error(upload, settings):
    settings.MEDIA_ROOT = UNWRITABLE
    response = upload("carnations.jpg", big_photo())
    assert_refused_on_the_image(response)
    assert not Photo.objects.exists()
    assert not UNWRITABLE.exists()


def test_renditions_that_cannot_be_written_take_the_original_with_them(upload, _media_root):
    """The original is written, then a rendition fails: the original goes too."""
    (_media_root / "photos").mkdir(parents=True)
    (_media_root / "photos" / "renditions").write_bytes(b"a file where the folder should be")
    response = upload("carnations.jpg", big_photo())
    assert_refused_on_the_image(response)
    assert not Photo.objects.exists()
    assert stored_files(_media_root) == [_media_root / "photos" / "renditions"]


def test_replacing_an_image_on_a_full_disk_keeps_the_old_one(upload, curator, _media_root):
    """The change form refuses the new image and the photo keeps its files."""
    assert (
        upload("first.jpg", files.encode(files.detailed_image((400, 300)), "JPEG")).status_code
        == 302
    )
    photo = Photo.objects.get()
    before = stored_files(_media_root)
    page = curator.get(reverse("admin:photos_photo_change", args=[photo.pk]))
    data = admin_form_data(page, image=SimpleUploadedFile("second.jpg", big_photo()))
    with disk_full_after(64 * 1024):
        response = curator.post(reverse("admin:photos_photo_change", args=[photo.pk]), data)
    assert_refused_on_the_image(response)
    photo.refresh_from_db()
    assert stored_files(_media_root) == before
    assert photo.image.name in {str(p.relative_to(_media_root)) for p in before}


def test_the_loader_and_restore_refuse_cleanly_when_media_cannot_be_written(settings, tmp_path):
    """Not an upload form, but the same failure: a clear refusal, nothing loaded or restored."""
    from django.core.management import CommandError, call_command

    from memorial.events.models import Event

    fixtures = tmp_path / "fixtures"
    (fixtures / "media" / "photos").mkdir(parents=True)
    (fixtures / "media" / "photos" / "carnations.jpg").write_bytes(big_photo())
    (fixtures / "sources.json").write_text("[]")
    settings.MEDIA_ROOT = UNWRITABLE
    with pytest.raises(CommandError, match=f"media/photos/carnations.jpg {MESSAGE}"):
        call_command("load_content", str(fixtures))

    settings.MEDIA_ROOT = tmp_path / "media"
    event = Event.objects.create(slug="e", title_en="E", kind="main", start_precision="unknown")
    archive = tmp_path / "backup.tar.gz"
    (settings.MEDIA_ROOT / "photos").mkdir(parents=True)
    (settings.MEDIA_ROOT / "photos" / "carnations.jpg").write_bytes(big_photo())
    call_command("backup", str(archive), stdout=io.StringIO())
    event.delete()
    settings.MEDIA_ROOT = UNWRITABLE
    with pytest.raises(
        CommandError, match=f"Nothing was restored: photos/carnations.jpg {MESSAGE}"
    ):
        call_command("restore", str(archive))
    assert not Event.objects.exists()
