"""Names from a spreadsheet: the monument's list, once transcribed, or any curated list.

Each row is one person and the source that names them; a row without a source
is refused, because no name stands without one. Curators see a dry run first,
with every row's changes and errors, and confirm it. New people come in as
drafts, to verify. Loading the same file again changes nothing, and a person a
curator has edited since the import is never overwritten: the row is skipped.
"""

import hashlib
import json

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from memorial.core.models import LoadedRecord
from memorial.sources.models import Source

from .models import Attestation, Person

#: The columns of a row besides the person's own fields.
SOURCE_COLUMNS = ("source", "says", "locator")
#: Bookkeeping: the import's records are kept apart from the fixture loader's.
RECORD_MODEL = "people.person:import"


def _row_digest(row):
    return hashlib.sha256(json.dumps(dict(row), sort_keys=True, default=str).encode()).hexdigest()


def _state(person):
    """When the person was last saved: any later save, by a curator or anyone, changes it."""
    return person.updated_at.isoformat()


class PersonResource(resources.ModelResource):
    source = fields.Field(column_name="source", readonly=True)
    says = fields.Field(column_name="says", readonly=True)
    locator = fields.Field(column_name="locator", readonly=True)
    birth_date = fields.Field(
        attribute="birth_date", column_name="birth_date", widget=widgets.DateWidget("%Y-%m-%d")
    )
    death_date = fields.Field(
        attribute="death_date", column_name="death_date", widget=widgets.DateWidget("%Y-%m-%d")
    )

    class Meta:
        model = Person
        import_id_fields = ("slug",)
        fields = (
            "slug",
            "given_name_az",
            "patronymic_az",
            "surname_az",
            "given_name_en",
            "patronymic_en",
            "surname_en",
            "given_name_ru",
            "patronymic_ru",
            "surname_ru",
            "name_as_written",
            "sex",
            "birth_date",
            "birth_precision",
            "death_date",
            "death_precision",
            "age_stated",
            "on_monument",
            "recognised_martyr",
            "confidence",
            "source",
            "says",
            "locator",
        )
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    def before_import_row(self, row, **kwargs):
        missing = [
            name for name in ("slug", "source", "says") if not str(row.get(name) or "").strip()
        ]
        if missing:
            raise ValidationError(
                _("Every row needs %(columns)s: no name without its source.")
                % {"columns": ", ".join(missing)}
            )
        if not Source.objects.filter(key=row["source"].strip()).exists():
            raise ValidationError(
                _("No source has the key “%(key)s”; add it to the bibliography first.")
                % {"key": row["source"].strip()}
            )
        for name, default in (
            ("birth_precision", "day" if row.get("birth_date") else "unknown"),
            ("death_precision", "day" if row.get("death_date") else "unknown"),
            ("on_monument", "unknown"),
            ("recognised_martyr", "unknown"),
            ("sex", "unknown"),
            ("confidence", "medium"),
        ):
            if not str(row.get(name) or "").strip():
                row[name] = default

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if original is not None and original.pk:
            record = LoadedRecord.objects.filter(
                model=RECORD_MODEL, natural_key=original.slug
            ).first()
            # Only what this import wrote, untouched since, may be replaced.
            if record is None or record.state_digest != _state(original):
                return True
            if record.fixture_digest == _row_digest(row):
                return True
        return super().skip_row(instance, original, row, import_validation_errors)

    def before_save_instance(self, instance, row, **kwargs):
        if instance._state.adding:
            # A new name is a draft until a curator has checked it.
            instance.is_published = False
            instance.to_verify = True
            instance.verify_note = instance.verify_note or _("Imported from a list; check it.")

    def after_save_instance(self, instance, row, **kwargs):
        if kwargs.get("dry_run"):
            return
        Attestation.objects.update_or_create(
            person=instance,
            source=Source.objects.get(key=row["source"].strip()),
            defaults={
                "says": row["says"].strip(),
                "locator": str(row.get("locator") or "").strip(),
                "confidence": instance.confidence,
            },
        )
        LoadedRecord.objects.update_or_create(
            model=RECORD_MODEL,
            natural_key=instance.slug,
            defaults={"fixture_digest": _row_digest(row), "state_digest": _state(instance)},
        )
