"""Back up and restore the database and the media files together, as one archive.

The archive holds `data.json` (every object, with natural keys, portable between
SQLite and PostgreSQL) and `media/` (every uploaded or generated file). A restore
goes into a migrated, empty database.

A restore trusts nothing in the archive. It is read as a stream, and stops as
soon as it would expand past its limits (a gzip bomb costs neither memory nor
disk); only plain files under `media/` are taken, never links or paths out of
the folder; every object is validated as the loader validates it (rich text
is sanitised by its field). Any fault restores nothing.
"""

import gzip
import io
import json
import tarfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, transaction
from django.db.models import FileField

from memorial.core import registry
from memorial.core.media import store_file

from .loader import error_text, is_content, object_label

#: Rebuilt by migrations or meaningless elsewhere: never backed up.
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "axes",
]

MB = 1024 * 1024
#: What tar headers (long names included) may take between two members' data.
HEADER_ALLOWANCE = MB


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class RestoreLimits:
    """How far an archive may expand; each limit has a `restore` option to raise it."""

    total_mb: int = 20 * 1024
    files: int = 100_000
    file_mb: int = 256
    data_mb: int = 64


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


class _Expanded:
    """The decompressed archive, read through a meter that stops at the limits.

    Between two members, no more may be read than the previous member's data
    and its headers: a header that claims gigabytes (a long name, extended
    attributes) is stopped at `HEADER_ALLOWANCE`, before tarfile holds it in
    memory.
    """

    def __init__(self, compressed, limits):
        self._gzip = gzip.GzipFile(fileobj=compressed, mode="rb")
        self._limit = limits.total_mb * MB
        self._total = 0
        self._window = 0
        self._window_limit = HEADER_ALLOWANCE

    def allow(self, size):
        """The next `size` bytes of data, and the headers after them, may be read."""
        self._window = 0
        self._window_limit = size + tarfile.BLOCKSIZE + HEADER_ALLOWANCE

    def read(self, size=-1):
        budget = min(self._limit - self._total, self._window_limit - self._window) + 1
        data = self._gzip.read(budget if size is None or size < 0 else min(size, budget))
        self._total += len(data)
        self._window += len(data)
        if self._total > self._limit:
            raise BackupError(
                f"the archive expands to more than {self._limit // MB} MB "
                "(raise --max-total-mb if it is genuine)"
            )
        if self._window > self._window_limit:
            raise BackupError(f"a header in the archive is over {HEADER_ALLOWANCE // MB} MB")
        return data


def _media_name(member, limits):
    """The storage name of a media member, or BackupError saying why it is refused."""
    path = PurePosixPath(member.name)
    if member.issym() or member.islnk():
        raise BackupError(f"{member.name}: links are not restored")
    if not member.isfile():
        raise BackupError(f"{member.name}: not a plain file")
    if (
        member.name.startswith("/")
        or len(path.parts) < 2
        or path.parts[0] != "media"
        or any(part in ("", ".", "..") for part in member.name.split("/"))
    ):
        raise BackupError(f"{member.name}: not a file inside media/")
    if member.size > limits.file_mb * MB:
        raise BackupError(
            f"{member.name}: {member.size // MB} MB, over the {limits.file_mb} MB "
            "a file may be (raise --max-file-mb if it is genuine)"
        )
    return str(PurePosixPath(*path.parts[1:]))


def _save_objects(payload):
    """Validate and write every object of `data.json`; return them, deserialised.

    Each object with a natural key (the content, users, groups) is checked
    with `full_clean()` as the loader checks it, then written as `loaddata`
    writes it (a raw save: no `save()` method runs, but rich text is still
    sanitised by its field). What cannot be checked before the object is
    written, `_check_after_media` checks later. Runs inside the restore's
    transaction.
    """
    loaded = []
    objects = serializers.deserialize("json", payload, handle_forward_references=True)
    try:
        # Lazily: each object's natural keys are looked up once those before it are saved.
        for item in objects:
            loaded.append(item)
            _check(len(loaded), item, exclude=_checked_later(item))
            item.save()
    except (DeserializationError, ObjectDoesNotExist, ValueError) as error:
        where = f"data.json, object {len(loaded) + 1}"
        raise BackupError(f"{where}: {error_text(error.__cause__ or error)}") from error
    except (DatabaseError, ValidationError) as error:
        where = f"data.json, object {len(loaded)} ({object_label(loaded[-1].object)})"
        raise BackupError(f"{where}: {error_text(error)}") from error
    # A figure may name, as `part_of`, one that comes later.
    for item in loaded:
        if item.deferred_fields:
            item.save_deferred_fields()
    # Objects kept their primary keys: move each sequence past them, as loaddata does.
    models = {type(item.object) for item in loaded}
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
    return loaded


def _checked_later(item):
    """Fields checked once everything is restored: references to later objects, and files."""
    files = {f.name for f in item.object._meta.fields if isinstance(f, FileField)}
    return files | {f.name for f in item.deferred_fields}


def _check(index, item, exclude=()):
    # History rows and bookkeeping have no natural key; the database's constraints check them.
    instance = item.object
    if not is_content(type(instance)):
        return
    if instance.pk is not None:
        # Found by its natural key (the group the migrations made): a change, not an addition.
        instance._state.adding = not type(instance)._default_manager.filter(pk=instance.pk).exists()
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        where = f"data.json, object {index} ({object_label(instance)})"
        raise BackupError(f"{where}: {error_text(error)}") from error


def _check_after_media(loaded):
    for index, item in enumerate(loaded, 1):
        if _checked_later(item):
            _check(index, item)


def restore_backup(source, limits=None):
    """Restore an archive into an empty database; return (object count, file count).

    All or nothing: any fault (a limit, a member, an object) raises
    BackupError and leaves the database and the media storage as they were.
    """
    limits = limits or RestoreLimits()
    if _content_exists():
        raise BackupError("the database already holds content; restore into an empty one")
    written = []
    with open(source, "rb") as compressed:
        stream = _Expanded(compressed, limits)
        with tarfile.open(fileobj=stream, mode="r|") as archive:
            members = iter(archive)
            data = next(members, None)
            if data is None or data.name != "data.json" or not data.isfile():
                raise BackupError("not a memorial backup: data.json must come first")
            if data.size > limits.data_mb * MB:
                raise BackupError(
                    f"data.json: {data.size // MB} MB, over {limits.data_mb} MB "
                    "(raise --max-data-mb if it is genuine)"
                )
            stream.allow(data.size)
            payload = archive.extractfile(data).read()
            try:
                with transaction.atomic():
                    loaded = _save_objects(payload)
                    names = set()
                    for member in members:
                        name = _media_name(member, limits)
                        if name in names:
                            raise BackupError(f"{member.name}: appears twice")
                        if len(names) == limits.files:
                            raise BackupError(
                                f"more than {limits.files} media files "
                                "(raise --max-files if it is genuine)"
                            )
                        names.add(name)
                        stream.allow(member.size)
                        if default_storage.exists(name):
                            default_storage.delete(name)
                        content = File(archive.extractfile(member), name=name)
                        written.append(store_file(default_storage, name, content))
                    _check_after_media(loaded)
            except BaseException:
                for name in written:
                    default_storage.delete(name)
                raise
    return len(loaded), len(written)
