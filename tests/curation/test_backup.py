"""Backup and restore: the database and the media files travel together, and nothing else."""

import contextlib
import gzip
import io
import json
import os
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import tarfile

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection, transaction

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


class Rollback(Exception):
    pass


@pytest.fixture
def backed_up(tmp_path, _media_root):
    """data.json and the media files of a real backup, taken of content that is then gone.

    The content is made and backed up inside a transaction that is rolled
    back, and its files deleted: the database and the media folder are empty.
    """
    archive = tmp_path / "real.tar.gz"
    try:
        with transaction.atomic():
            event = factories.make_event(slug="troops-enter-baku", body_en="<p>At night.</p>")
            factories.make_figure(key="omm-131-killed", value_low=131)
            factories.make_photo(events=[event])
            call_command("backup", str(archive), stdout=io.StringIO())
            raise Rollback
    except Rollback:
        pass
    shutil.rmtree(_media_root)
    with tarfile.open(archive, "r:gz") as source:
        data = json.load(source.extractfile("data.json"))
        media = {
            member.name: source.extractfile(member).read()
            for member in source.getmembers()
            if member.name.startswith("media/")
        }
    return data, media


def tar_member(name, content=b"", **attributes):
    info = tarfile.TarInfo(name)
    info.size = len(content)
    for key, value in attributes.items():
        setattr(info, key, value)
    return info, io.BytesIO(content)


def write_archive(path, data, media=(), extra=()):
    with tarfile.open(path, "w:gz") as archive:
        archive.addfile(*tar_member("data.json", json.dumps(data).encode()))
        for name, content in dict(media).items():
            archive.addfile(*tar_member(name, content))
        for info, content in extra:
            archive.addfile(info, content)
    return path


def fields_of(data, model, **key):
    (entry,) = [
        e
        for e in data
        if e["model"] == model and all(e["fields"].get(k) == v for k, v in key.items())
    ]
    return entry["fields"]


def assert_nothing_restored(media_root):
    assert not Source.objects.exists() and not Event.objects.exists()
    assert not Photo.objects.exists() and not User.objects.exists()
    assert not media_root.exists() or not [p for p in media_root.rglob("*") if p.is_file()]


ATTACK = (
    "<p>At night.</p><script>alert(document.cookie)</script>"
    '<img src="x" onerror="alert(1)">'
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">'
    '<form action="https://evil.example/"><input name="password"></form>'
)


def test_a_tampered_archive_serves_no_markup_that_acts(backed_up, tmp_path, client):
    """Scripts, handlers, refreshes and forms in a restored body never reach a visitor."""
    data, media = backed_up
    fields = fields_of(data, "events.event", slug="troops-enter-baku")
    fields["body_en"] = fields["body_ru"] = ATTACK
    for history in (e for e in data if e["model"] == "events.historicalevent"):
        history["fields"]["body_en"] = ATTACK
    call_command("restore", str(write_archive(tmp_path / "t.tar.gz", data, media)))
    event = Event.objects.get(slug="troops-enter-baku")
    page = client.get(event.get_absolute_url()).content.decode()
    assert "<p>At night.</p>" in page
    for fragment in ("alert(", "onerror", "http-equiv", "evil.example", 'name="password"'):
        assert fragment not in page
        assert fragment not in event.body_ru
        assert fragment not in event.history.earliest().body_en


TAMPERED_OBJECTS = {
    "negative figure": (
        ("figures.figure", {"key": "omm-131-killed"}, "value_low", -5),
        "(figures.figure omm-131-killed): value_low:",
    ),
    "nested body": (
        ("events.event", {"slug": "troops-enter-baku"}, "body_az", "<div>" * 20_000),
        "(events.event troops-enter-baku): body_az: The formatting is nested too deeply",
    ),
    "javascript link": (
        ("sources.source", {}, "url", "javascript:alert(1)"),
        "): url: Enter a valid URL.",
    ),
    "alt text missing": (
        ("photos.photo", {}, "alt_text_ru", ""),
        "alt_text_ru: Describe the image in this language too",
    ),
}


@pytest.mark.parametrize("case", TAMPERED_OBJECTS.values(), ids=TAMPERED_OBJECTS.keys())
def test_an_object_the_loader_would_refuse_restores_nothing(backed_up, tmp_path, case):
    """restore validates every content object as the loader does; one fault loads nothing."""
    (model, key, name, value), expected = case
    data, media = backed_up
    if model == "sources.source":
        key = {"key": fields_of(data, "events.event")["sources"][0][0]}
    fields_of(data, model, **key)[name] = value
    archive = write_archive(tmp_path / "t.tar.gz", data, media)
    with pytest.raises(CommandError) as error:
        call_command("restore", str(archive))
    message = str(error.value)
    assert message.startswith("Nothing was restored: data.json, object ")
    assert expected in message
    assert_nothing_restored(settings.MEDIA_ROOT)


MEMBERS = {
    "symbolic link": (
        tar_member("media/photos/passwd.txt", type=tarfile.SYMTYPE, linkname="/etc/passwd"),
        "media/photos/passwd.txt: links are not restored",
    ),
    "hard link": (
        tar_member("media/photos/passwd.txt", type=tarfile.LNKTYPE, linkname="/etc/passwd"),
        "media/photos/passwd.txt: links are not restored",
    ),
    "absolute path": (
        tar_member("/etc/cron.d/memorial", b"* * * * * root true\n"),
        "/etc/cron.d/memorial: not a file inside media/",
    ),
    "parent folder": (
        tar_member("media/../../outside.txt", b"escaped"),
        "media/../../outside.txt: not a file inside media/",
    ),
    "outside media": (
        tar_member("config/settings.py", b"DEBUG = True"),
        "config/settings.py: not a file inside media/",
    ),
    "device": (
        tar_member("media/photos/null", type=tarfile.CHRTYPE, devmajor=1, devminor=3),
        "media/photos/null: not a plain file",
    ),
    "the media folder itself": (
        tar_member("media", b"x"),
        "media: not a file inside media/",
    ),
}


@pytest.mark.parametrize("case", MEMBERS.values(), ids=MEMBERS.keys())
def test_links_and_paths_out_of_media_restore_nothing(backed_up, tmp_path, case):
    """No tar slip: only plain files under media/ are restored, and a bad one stops it all."""
    member, expected = case
    data, media = backed_up
    archive = write_archive(tmp_path / "t.tar.gz", data, media, extra=[member])
    with pytest.raises(CommandError, match=f"^Nothing was restored: {re.escape(expected)}"):
        call_command("restore", str(archive))
    assert_nothing_restored(settings.MEDIA_ROOT)
    assert not (tmp_path / "outside.txt").exists()


def test_a_file_named_twice_restores_nothing(backed_up, tmp_path):
    data, media = backed_up
    name, content = next(iter(media.items()))
    archive = write_archive(tmp_path / "t.tar.gz", data, media, extra=[tar_member(name, content)])
    with pytest.raises(CommandError, match=f"{name}: appears twice"):
        call_command("restore", str(archive))
    assert_nothing_restored(settings.MEDIA_ROOT)


def test_data_json_must_come_first(backed_up, tmp_path):
    data, media = backed_up
    path = tmp_path / "t.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        archive.addfile(*tar_member("media/photos/a.jpg", b"x"))
        archive.addfile(*tar_member("data.json", json.dumps(data).encode()))
    with pytest.raises(CommandError, match="data.json must come first"):
        call_command("restore", str(path))
    assert_nothing_restored(settings.MEDIA_ROOT)


def test_the_total_and_the_number_of_files_are_limited(backed_up, tmp_path):
    """Limits on what the whole archive expands to and on its files, each with its option."""
    data, media = backed_up
    filler = {f"media/filler/{n}.bin": bytes(600_000) for n in range(4)}
    archive = write_archive(tmp_path / "t.tar.gz", data, {**media, **filler})
    with pytest.raises(CommandError, match=r"expands to more than 2 MB \(raise --max-total-mb"):
        call_command("restore", str(archive), max_total_mb=2)
    assert_nothing_restored(settings.MEDIA_ROOT)
    with pytest.raises(CommandError, match=r"more than 3 media files \(raise --max-files"):
        call_command("restore", str(archive), max_files=3)
    assert_nothing_restored(settings.MEDIA_ROOT)
    call_command("restore", str(archive), max_total_mb=5, stdout=io.StringIO())
    assert Event.objects.filter(slug="troops-enter-baku").exists()


GIB = 1024**3
BOMB = int(1.5 * GIB)
ZEROS = 16 * 1024 * 1024


def write_bomb(path, data, header):
    """A gzip stream of a tar whose last member `header` is followed by 1.5 GB of zeros.

    Gzip members may follow one another, so one compressed block of 16 MB of
    zeros, repeated, makes the expanded size without ever holding it: the
    file is a few megabytes at most.
    """
    payload = json.dumps(data).encode()
    info, _ = tar_member("data.json", payload)
    prefix = info.tobuf() + payload + bytes(-len(payload) % tarfile.BLOCKSIZE) + header
    zeros = gzip.compress(bytes(ZEROS), compresslevel=9)
    with path.open("wb") as handle:
        handle.write(gzip.compress(prefix))
        for _ in range(BOMB // ZEROS):
            handle.write(zeros)
        handle.write(gzip.compress(bytes(2 * tarfile.BLOCKSIZE)))
    assert path.stat().st_size < 3 * 1024 * 1024
    return path


def _header(name, size, kind=tarfile.REGTYPE):
    info = tarfile.TarInfo(name)
    info.size, info.type = size, kind
    return info.tobuf(format=tarfile.USTAR_FORMAT)


BOMBS = {
    "one huge file": (
        _header("media/photos/bomb.jpg", BOMB),
        "media/photos/bomb.jpg: 1536 MB, over the 256 MB a file may be",
    ),
    "huge data.json": (
        None,  # data.json itself
        "data.json: 1536 MB, over 64 MB (raise --max-data-mb",
    ),
    "huge extended header": (
        _header("././@PaxHeader", BOMB, tarfile.XHDTYPE),
        "a header in the archive is over 1 MB",
    ),
}

RESTORE_AND_MEASURE = """
import json, resource, sys
import django
django.setup()
from django.core.management import CommandError, call_command
from django.db import connection, transaction
try:
    call_command("restore", sys.argv[1])
    outcome = "restored"
except CommandError as error:
    outcome = str(error)
# This process's own peak: ru_maxrss also counts the pages of the test process it was
# forked from, which grows with the suite; VmHWM starts afresh at exec.
try:
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) // 1024
except (OSError, StopIteration):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(json.dumps({"outcome": outcome, "peak_mb": peak}))
"""


def subprocess_database(tmp_path):
    """The test database, reachable from another process: a copy on SQLite, itself on PostgreSQL."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        copy = tmp_path / "restore.sqlite3"
        with contextlib.closing(sqlite3.connect(copy)) as target:
            connection.connection.backup(target)
        return f"sqlite:///{copy}"
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def _limit_memory():
    # A regression must fail the test, not take the shared machine's memory.
    resource.setrlimit(resource.RLIMIT_AS, (3 * GIB, 3 * GIB))


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("case", BOMBS.values(), ids=BOMBS.keys())
def test_a_gzip_bomb_is_refused_with_bounded_memory(backed_up, tmp_path, case):
    """1.5 GB expanded from a few MB: refused while streaming, in a fraction of its size."""
    header, expected = case
    data, _media = backed_up
    if header is None:
        path = tmp_path / "bomb.tar.gz"
        zeros = gzip.compress(bytes(ZEROS), compresslevel=9)
        with path.open("wb") as handle:
            handle.write(gzip.compress(_header("data.json", BOMB)))
            for _ in range(BOMB // ZEROS):
                handle.write(zeros)
    else:
        path = write_bomb(tmp_path / "bomb.tar.gz", data, header)
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": subprocess_database(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", RESTORE_AND_MEASURE, str(path)],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=_limit_memory,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["outcome"].startswith("Nothing was restored: ")
    assert expected in report["outcome"]
    assert report["peak_mb"] < 300, report
    assert not Source.objects.exists()
