"""Files a rolled-back save left behind are found and removed; referenced files never are."""

import datetime
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction

from memorial.photos.models import Photo
from tests import factories

pytestmark = pytest.mark.django_db


def age(name, minutes):
    path = default_storage.path(name)
    moment = (datetime.datetime.now() - datetime.timedelta(minutes=minutes)).timestamp()
    os.utime(path, (moment, moment))


def test_a_rolled_back_save_leaves_files_that_the_command_removes(capsys):
    kept = factories.make_photo()
    with pytest.raises(RuntimeError), transaction.atomic():
        lost = factories.make_photo()
        names = [lost.image.name, *(item["name"] for item in lost.renditions)]
        raise RuntimeError("the rest of the admin save failed")
    assert not Photo.objects.filter(pk=lost.pk).exists()
    assert all(default_storage.exists(name) for name in names)
    for name in names:
        age(name, 120)
    for item in kept.renditions:
        age(item["name"], 120)

    call_command("remove_orphan_files")

    assert not any(default_storage.exists(name) for name in names)
    assert default_storage.exists(kept.image.name)
    assert all(default_storage.exists(item["name"]) for item in kept.renditions)
    assert f"Deleted {len(names)} orphaned files." in capsys.readouterr().out


def test_recent_files_and_dry_runs_are_left_alone(capsys):
    name = default_storage.save("photos/in-progress.jpg", ContentFile(b"x"))
    call_command("remove_orphan_files")
    assert default_storage.exists(name)
    age(name, 120)
    call_command("remove_orphan_files", "--dry-run")
    assert default_storage.exists(name)
    assert "Would delete 1 orphaned files." in capsys.readouterr().out
