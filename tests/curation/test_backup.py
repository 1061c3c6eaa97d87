"""Backup and restore: the database and the media files travel together."""

import pytest
from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from memorial.events.models import Event
from memorial.figures.models import Figure
from memorial.photos.models import Photo
from memorial.sources.models import Source
from tests import factories

pytestmark = pytest.mark.django_db


def read(name):
    with default_storage.open(name) as handle:
        return handle.read()


@pytest.mark.django_db(transaction=True)
def test_round_trip_gives_back_every_object_and_file(tmp_path):
    User.objects.create_user("curator", password="a-long-password-1990")
    event = factories.make_event(title_az="Sovet qoşunları Bakıya daxil olur")
    figure = factories.make_figure(qualifier="range", value_low=131, value_high=170)
    photo = factories.make_photo(events=[event])
    source_keys = list(event.sources.values_list("key", flat=True))
    files_before = {name: read(name) for name in [photo.image.name]}
    archive = tmp_path / "memorial.tar.gz"
    call_command("backup", str(archive))

    call_command("flush", interactive=False, verbosity=0)
    for name in files_before:
        default_storage.delete(name)
    assert not Source.objects.exists()

    call_command("restore", str(archive))
    restored_event = Event.objects.get(slug=event.slug)
    assert restored_event.title_az == "Sovet qoşunları Bakıya daxil olur"
    assert list(restored_event.sources.values_list("key", flat=True)) == source_keys
    restored_figure = Figure.objects.get(key=figure.key)
    assert (restored_figure.value_low, restored_figure.value_high) == (131, 170)
    restored_photo = Photo.objects.get(slug=photo.slug)
    assert list(restored_photo.events.all()) == [restored_event]
    for name, content in files_before.items():
        assert read(name) == content
    assert User.objects.filter(username="curator").exists()
    assert restored_event.history.exists()


def test_restore_refuses_a_database_with_content(tmp_path):
    factories.make_source()
    archive = tmp_path / "memorial.tar.gz"
    call_command("backup", str(archive))
    with pytest.raises(CommandError, match="already holds content"):
        call_command("restore", str(archive))


def test_restore_refuses_an_archive_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="Nothing was restored"):
        call_command("restore", str(bogus))
