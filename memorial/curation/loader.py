"""Loading the memorial's content from fixtures, safely.

All files load in one transaction: every object is validated with
`full_clean()` before it is written, and the first error rolls everything
back and names the file, the object and the field at fault. Loading again
changes nothing; a newer fixture replaces only objects no curator has touched
since the last load (see `LoadedRecord`).
"""

import hashlib
import json
from dataclasses import dataclass, field
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.files.storage import default_storage
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, transaction

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


def _label(instance):
    return f"{instance._meta.label_lower} {'/'.join(str(part) for part in instance.natural_key())}"


def _error_text(error):
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return "; ".join(
            f"{name}: {' '.join(str(m) for m in messages)}"
            for name, messages in error.message_dict.items()
        )
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def copy_media(directory):
    """Copy fixture media into storage; return the names written (files already there are kept)."""
    media = Path(directory) / "media"
    written = []
    if not media.is_dir():
        return written
    for path in sorted(p for p in media.rglob("*") if p.is_file()):
        name = path.relative_to(media).as_posix()
        if not default_storage.exists(name):
            with path.open("rb") as handle:
                written.append(default_storage.save(name, handle))
    return written


def _read_entries(path):
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FixtureError(f"{path.name}: not valid JSON: {error}") from error
    if not isinstance(entries, list):
        raise FixtureError(f"{path.name}: a fixture must be a JSON list of objects")
    return entries


def _load_entry(path, index, entry, report):
    where = f"{path.name}, object {index + 1}"
    if not isinstance(entry, dict) or "pk" in entry or "id" in entry.get("fields", {}):
        raise FixtureError(f"{where}: objects are identified by natural keys, never by pk")
    try:
        (deserialized,) = serializers.deserialize(
            "json", json.dumps([entry]), ignorenonexistent=False
        )
    except (DeserializationError, ObjectDoesNotExist, ValidationError, ValueError) as error:
        cause = error.__cause__ or error
        raise FixtureError(f"{where} ({entry.get('model')}): {_error_text(cause)}") from error

    instance = deserialized.object
    model = type(instance)
    label = _label(instance)
    key = "/".join(str(part) for part in instance.natural_key())
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
        raise FixtureError(f"{where} ({label}): {_error_text(error)}") from error
    except DatabaseError as error:
        raise FixtureError(f"{where} ({label}): the database refused it: {error}") from error

    hook = getattr(instance, "loaded_from_fixture", None)
    if hook is not None:
        hook()
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
    try:
        with transaction.atomic():
            for path, entries in parsed:
                for index, entry in enumerate(entries):
                    _load_entry(path, index, entry, report)
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise
    report.media_copied = len(written)
    return report
