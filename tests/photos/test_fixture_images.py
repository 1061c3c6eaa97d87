"""The demo illustrations and their fixture."""

import json
import shutil

import pytest
from django.conf import settings
from django.core import serializers
from PIL import Image

from memorial.photos import images
from memorial.photos.models import Photo

FIXTURES = settings.MEMORIAL_FIXTURES_DIR
MEDIA = FIXTURES / "media"


def records():
    return json.loads((FIXTURES / "photos.json").read_text(encoding="utf-8"))


def test_illustrations_are_small_and_every_fixture_image_exists():
    """Four to six illustrations under 2 MB in all, one per fixture record."""
    paths = sorted((MEDIA / "photos").glob("*.jpg"))
    assert 4 <= len(paths) <= 6
    assert sum(path.stat().st_size for path in paths) < 2 * 1024 * 1024
    assert {f"photos/{path.name}" for path in paths} == {r["fields"]["image"] for r in records()}
    for path in paths:
        with Image.open(path) as image:
            assert image.format == "JPEG" and not image.getexif()


def test_every_record_is_an_illustration_labelled_as_one():
    """No illustration may pass for an archival photograph: each is of the kind
    "illustration", which every page that shows it says, in every language."""
    for record in records():
        fields = record["fields"]
        assert "pk" not in record and fields["credit"] == "Black January Memorial"
        assert fields["kind"] == "illustration", fields["slug"]
    assert sum(record["fields"]["is_featured"] for record in records()) == 3
    assert sum(record["fields"]["is_home_image"] for record in records()) == 1


@pytest.mark.django_db
def test_fixture_loads_validates_and_gets_renditions(own_source, _media_root):
    """Loaded as the content loader does (media copied, then ensure_renditions), every photo is valid."""
    shutil.copytree(MEDIA, _media_root, dirs_exist_ok=True)
    text = (FIXTURES / "photos.json").read_text(encoding="utf-8")
    for loaded in serializers.deserialize("json", text, handle_forward_references=True):
        loaded.object.full_clean()
        loaded.object.save()
        for field, values in loaded.m2m_data.items():
            getattr(loaded.object, field).set(values)
    photos = list(Photo.objects.published())
    assert len(photos) == len(records())
    for photo in photos:
        assert images.ensure_renditions(photo) is True
        assert images.ensure_renditions(photo) is False
        assert images.renditions_complete(photo)
        assert (photo.width, photo.height) == (1600, 1067)
