"""Renditions made again from the stored originals."""

import io

import pytest
from django.core.management import CommandError, call_command

from memorial.photos import images
from memorial.photos.models import Photo
from tests.factories import make_photo

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("regenerate_renditions", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_regenerate_renditions_rewrites_lost_files(_media_root):
    """Renditions deleted from storage come back, with the same names."""
    photo = make_photo()
    names = [item["name"] for item in photo.renditions]
    images.delete_files(names)
    assert "Renditions made for 1 photos" in run()
    photo.refresh_from_db()
    assert [item["name"] for item in photo.renditions] == names
    assert all(photo.image.storage.exists(name) for name in names)


def test_missing_only_skips_complete_photos(django_assert_max_num_queries):
    """With --missing nothing is rewritten for a photo whose renditions are all there."""
    make_photo()
    with django_assert_max_num_queries(1):
        output = run("--missing")
    assert "Renditions made for 0 photos, 1 already complete" in output


def test_unknown_slug_is_an_error():
    """Naming a photo that does not exist fails loudly."""
    with pytest.raises(CommandError, match="no-such-photo"):
        run("no-such-photo")


def test_ensure_renditions_is_idempotent(_media_root):
    """For a photo loaded from a fixture (no renditions), the first call makes them, later ones do nothing."""
    photo = make_photo()
    Photo.objects.filter(pk=photo.pk).update(renditions=[])
    images.delete_files([item["name"] for item in photo.renditions])
    photo.refresh_from_db()

    assert images.ensure_renditions(photo) is True
    first = Photo.objects.get(pk=photo.pk).renditions
    assert first and all(photo.image.storage.exists(item["name"]) for item in first)
    files_after_first = sorted(p for p in _media_root.rglob("*") if p.is_file())

    assert images.ensure_renditions(Photo.objects.get(pk=photo.pk)) is False
    assert Photo.objects.get(pk=photo.pk).renditions == first
    assert sorted(p for p in _media_root.rglob("*") if p.is_file()) == files_after_first
