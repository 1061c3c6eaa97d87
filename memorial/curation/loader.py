"""Loading the memorial's content from fixtures, safely.

All files load in one transaction: every object is validated with
`full_clean()` before it is written, and the first error rolls everything
back and names the file, the object and the field at fault. Loading again
changes nothing; a newer fixture replaces only objects no curator has touched
since the last load (see `LoadedRecord`).

A fixture file is named after the app whose content it holds, and holds
nothing else: no users, no groups, no history. Each object appears once.
`media/` holds plain files only; a link is refused, never followed.
"""

import hashlib
import json
import os
import stat
from dataclasses import dataclass, field
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, transaction

from memorial.core import registry
from memorial.core.media import MediaNotStored, store_file
from memorial.core.models import LoadedRecord

#: Bookkeeping and derived fields that say nothing about the content itself.
IGNORED_FIELDS = {"created_at", "updated_at", "created_by", "updated_by", "search_key"}


class FixtureError(Exception):
    """A fixture is broken; nothing was loaded."""


@dataclass
class LoadReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (label, reason)
    media_copied: int = 0

    def summary(self):
        return (
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.skipped)} kept as edited by curators, "
            f"{self.media_copied} media files copied"
        )


def _dependencies(app_config):
    """The other apps whose objects this app's objects point at, by relation or natural key."""
    needed = set()
    for model in app_config.get_models():
        related = [
            field.related_model
            for field in model._meta.get_fields()
            if (field.many_to_one or field.many_to_many or field.one_to_one)
            and field.concrete
            and field.related_model is not None
        ]
        natural = getattr(getattr(model, "natural_key", None), "dependencies", [])
        related += [apps.get_model(label) for label in natural]
        needed.update(other._meta.app_label for other in related)
    needed.discard(app_config.label)
    return needed


def load_order():
    """Every installed app's label, each after the apps it depends on (INSTALLED_APPS breaks ties)."""
    configs = list(apps.get_app_configs())
    labels = [config.label for config in configs]
    graph = {config.label: _dependencies(config) for config in configs}
    sorter = TopologicalSorter()
    for label in labels:
        sorter.add(label, *sorted(graph[label], key=labels.index))
    try:
        sorter.prepare()
    except CycleError as error:
        raise FixtureError(f"fixtures depend on each other in a circle: {error.args[1]}") from error
    order = []
    while sorter.is_active():
        ready = sorted(sorter.get_ready(), key=labels.index)
        order.extend(ready)
        sorter.done(*ready)
    return order


def fixture_files(directory):
    """`<directory>/<app label>.json` of every installed app that has one, in load order."""
    directory = Path(directory)
    return [
        directory / f"{label}.json"
        for label in load_order()
        if (directory / f"{label}.json").exists()
    ]


def _digest(data):
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def state_digest(instance):
    """Fingerprint an object as stored, with natural keys, without bookkeeping fields."""
    fresh = type(instance)._default_manager.get(pk=instance.pk)
    (data,) = serializers.serialize(
        "python", [fresh], use_natural_foreign_keys=True, use_natural_primary_keys=True
    )
    fields = {k: v for k, v in data["fields"].items() if k not in IGNORED_FIELDS}
    return _digest(fields)


def object_label(instance):
    """The model and the natural key (or, without one, the primary key) of an object."""
    natural_key = getattr(instance, "natural_key", None)
    key = "/".join(str(part) for part in natural_key()) if natural_key else instance.pk
    return f"{instance._meta.label_lower} {key}"


def error_text(error):
    """A validation or database error as one line: each field with its messages."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return "; ".join(
            f"{name}: {' '.join(str(m) for m in messages)}"
            for name, messages in error.message_dict.items()
        )
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def media_files(media):
    """The plain files under `media`, as (path, storage name); links and devices are refused.

    A symbolic link (to a file or a folder) could publish anything the
    server can read, and a hard link a file from elsewhere on the disk.
    """
    if media.is_symlink():
        raise FixtureError(f"{media.name}: is a symbolic link; media must be a plain folder")
    found = []
    for folder, subfolders, names in os.walk(media):
        for entry in sorted([*subfolders, *names]):
            path = Path(folder) / entry
            where = f"{media.name}/{path.relative_to(media).as_posix()}"
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                raise FixtureError(f"{where}: is a symbolic link; media holds plain files only")
            if stat.S_ISDIR(info.st_mode):
                continue
            if not stat.S_ISREG(info.st_mode):
                raise FixtureError(f"{where}: is not a plain file")
            if info.st_nlink > 1:
                raise FixtureError(f"{where}: is a hard link to a file elsewhere")
            found.append((path, path.relative_to(media).as_posix()))
    return sorted(found, key=lambda item: item[1])


def copy_media(directory):
    """Copy fixture media into storage; return the names written (files already there are kept)."""
    media = Path(directory) / "media"
    written = []
    if not media.is_dir():
        return written
    files = media_files(media)
    try:
        for path, name in files:
            if not default_storage.exists(name):
                # Never through a link put in place since the check.
                with os.fdopen(os.open(path, os.O_RDONLY | os.O_NOFOLLOW), "rb") as handle:
                    written.append(store_file(default_storage, name, File(handle, name)))
    except MediaNotStored as error:
        for name in written:
            default_storage.delete(name)
        raise FixtureError(f"media/{error}") from error
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise
    return written


def _read_entries(path):
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FixtureError(f"{path.name}: not valid JSON: {error}") from error
    if not isinstance(entries, list):
        raise FixtureError(f"{path.name}: a fixture must be a JSON list of objects")
    return entries


def is_content(model):
    """Content has a natural key (the loader finds objects by it); history rows do not."""
    return hasattr(model, "natural_key") and not model._meta.auto_created


def content_models(path):
    """The models a fixture file may hold: the content (as the registry knows it) of the
    app it is named after."""
    return {
        model._meta.label_lower
        for model in registry.content_models()
        if model._meta.app_label == path.stem
    }


def _load_entry(path, index, entry, report, seen):
    where = f"{path.name}, object {index + 1}"
    if not isinstance(entry, dict) or "pk" in entry or "id" in entry.get("fields", {}):
        raise FixtureError(f"{where}: objects are identified by natural keys, never by pk")
    model_label = str(entry.get("model", "")).lower()
    if model_label not in content_models(path):
        raise FixtureError(
            f"{where} ({model_label or 'no model'}): {path.name} may hold only the "
            f"{path.stem} app's content, never other models"
        )
    try:
        (deserialized,) = serializers.deserialize(
            "json", json.dumps([entry]), ignorenonexistent=False
        )
    except (DeserializationError, ObjectDoesNotExist, ValidationError, ValueError) as error:
        cause = error.__cause__ or error
        raise FixtureError(f"{where} ({entry.get('model')}): {error_text(cause)}") from error

    instance = deserialized.object
    model = type(instance)
    label = object_label(instance)
    key = "/".join(str(part) for part in instance.natural_key())
    first = seen.setdefault((model._meta.label_lower, key), where)
    if first != where:
        raise FixtureError(f"{where} ({label}): the same object as {first}; name each once")
    record = LoadedRecord.objects.filter(model=model._meta.label_lower, natural_key=key).first()
    fixture_digest = _digest(entry)

    if instance.pk is not None:
        current = state_digest(instance)
        if record is None:
            report.skipped.append((label, "exists but was not created by the loader"))
            return
        if current != record.state_digest:
            report.skipped.append((label, "changed by a curator since the last load"))
            return
        if record.fixture_digest == fixture_digest:
            report.unchanged.append(label)
            return
        # Replace the stored object in place, keeping its bookkeeping.
        stored = model._default_manager.get(pk=instance.pk)
        for name in IGNORED_FIELDS:
            attname = model._meta.get_field(name).attname
            setattr(instance, attname, getattr(stored, attname))
        instance._state.adding = False
        outcome = report.updated
    else:
        outcome = report.created

    try:
        instance.full_clean()
        # Many-to-many targets were resolved by natural key while deserialising.
        with transaction.atomic():
            instance.save()
            for name, values in deserialized.m2m_data.items():
                getattr(instance, name).set(values)
    except ValidationError as error:
        raise FixtureError(f"{where} ({label}): {error_text(error)}") from error
    except DatabaseError as error:
        raise FixtureError(f"{where} ({label}): the database refused it: {error}") from error

    hook = getattr(instance, "loaded_from_fixture", None)
    if hook is not None:
        try:
            hook()
        except OSError as error:
            raise FixtureError(f"{where} ({label}): {error}") from error
    LoadedRecord.objects.update_or_create(
        model=model._meta.label_lower,
        natural_key=key,
        defaults={"fixture_digest": fixture_digest, "state_digest": state_digest(instance)},
    )
    outcome.append(label)


def load_fixtures(directory):
    """Load every fixture file in `directory` atomically; return a `LoadReport`."""
    report = LoadReport()
    files = fixture_files(directory)
    if not files:
        raise FixtureError(f"no fixture files found in {directory}")
    parsed = [(path, _read_entries(path)) for path in files]
    # Photos refer to their files, so media goes first; a failed load takes it back.
    written = copy_media(directory)
    seen = {}
    try:
        with transaction.atomic():
            for path, entries in parsed:
                for index, entry in enumerate(entries):
                    _load_entry(path, index, entry, report, seen)
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise
    report.media_copied = len(written)
    return report
