"""Back up and restore the database and the media files together, as one archive.

The archive holds `data.json` (every object, with natural keys, portable between
SQLite and PostgreSQL) and `media/` (every uploaded or generated file). A restore
goes into a migrated, empty database.
"""

import io
import json
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction

from memorial.core import registry

#: Rebuilt by migrations or meaningless elsewhere: never backed up.
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "axes",
]


class BackupError(Exception):
    pass


def _storage_files(storage, directory=""):
    directories, files = storage.listdir(directory)
    for name in files:
        yield f"{directory}/{name}" if directory else name
    for sub in directories:
        yield from _storage_files(storage, f"{directory}/{sub}" if directory else sub)


def create_backup(target):
    """Write the archive to `target` (a path); return (object count, file count)."""
    data = io.StringIO()
    call_command(
        "dumpdata",
        exclude=EXCLUDED,
        natural_foreign=True,
        natural_primary=True,
        stdout=data,
    )
    payload = data.getvalue().encode()
    names = sorted(_storage_files(default_storage)) if default_storage.exists("") else []
    with tarfile.open(target, "w:gz") as archive:
        info = tarfile.TarInfo("data.json")
        info.size = len(payload)
        archive.addfile(info, io.BytesIO(payload))
        for name in names:
            with default_storage.open(name, "rb") as handle:
                content = handle.read()
            info = tarfile.TarInfo(f"media/{name}")
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    return len(json.loads(payload)), len(names)


def _content_exists():
    return any(model._default_manager.exists() for model in registry.content_models())


def restore_backup(source):
    """Restore an archive into an empty database; return (object count, file count)."""
    if _content_exists():
        raise BackupError("the database already holds content; restore into an empty one")
    with tarfile.open(source, "r:gz") as archive:
        members = archive.getmembers()
        data_member = next((m for m in members if m.name == "data.json"), None)
        if data_member is None:
            raise BackupError("not a memorial backup: data.json is missing")
        media = []
        for member in members:
            path = PurePosixPath(member.name)
            if member.name == "data.json":
                continue
            if not member.isfile() or path.parts[0] != "media" or ".." in path.parts:
                raise BackupError(f"unexpected entry in the archive: {member.name}")
            media.append((str(PurePosixPath(*path.parts[1:])), member))
        payload = archive.extractfile(data_member).read()
        with tempfile.TemporaryDirectory() as workdir:
            fixture = Path(workdir) / "data.json"
            fixture.write_bytes(payload)
            written = []
            try:
                with transaction.atomic():
                    call_command("loaddata", str(fixture), verbosity=0)
                    for name, member in media:
                        if default_storage.exists(name):
                            default_storage.delete(name)
                        content = archive.extractfile(member).read()
                        written.append(default_storage.save(name, ContentFile(content)))
            except BaseException:
                for name in written:
                    default_storage.delete(name)
                raise
    return len(json.loads(payload)), len(written)
