"""Two curators on one object: the second save is stopped instead of undoing the first.

Optimistic locking on the time of an object's last change (`updated_at`, set
on every save): the change form carries the time of the state it showed, and
saving checks it against the stored one, with the row locked, in the admin's
transaction. When they differ, someone saved in between: the form is shown
again with the curator's input, naming who changed what meanwhile (read from
the history), and with the stored state as the new base, so that saving once
more, after looking, replaces the other change on purpose.
"""

import datetime

from django import forms
from django.db import connections, router
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from modeltranslation.translator import NotRegistered, translator

#: The hidden field of a change form that holds the version it showed.
VERSION_FIELD = "edited_version"
# Bookkeeping that changes on every save; never a change worth naming.
BOOKKEEPING = {"updated_at", "updated_by", "created_at", "created_by", "search_key"}
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def version_of(changed_at):
    """The version of a state saved at `changed_at`: microseconds, exact, as text."""
    return str((changed_at - EPOCH) // datetime.timedelta(microseconds=1))


def _changed_at(version):
    try:
        return EPOCH + datetime.timedelta(microseconds=int(version))
    except (TypeError, ValueError, OverflowError):
        return None


def stored_version(model, pk, lock=False):
    """The version stored now for the object `pk` of `model`, or None if it is gone.

    With `lock`, the row stays locked until the transaction ends (PostgreSQL;
    SQLite's IMMEDIATE transactions already let one writer in at a time).
    """
    rows = model._default_manager.filter(pk=pk)
    if lock and connections[router.db_for_write(model)].in_atomic_block:
        rows = rows.select_for_update()
    changed_at = rows.values_list("updated_at", flat=True).first()
    return None if changed_at is None else version_of(changed_at)


def version_field():
    return forms.CharField(widget=forms.HiddenInput, required=False)


class EditConflictFormMixin:
    """For a ModelForm of a model with `updated_at` and a history (django-simple-history)."""

    #: The version a form shows, when it is not the instance's own (a revert form
    #: shows an old state, but replaces the one stored now).
    opened_version = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None or not getattr(self.instance, "updated_at", None):
            return
        # A form may declare the field itself, to place it in an inline's fieldset.
        field = self.fields.get(VERSION_FIELD) or version_field()
        field.initial = self.opened_version or version_of(self.instance.updated_at)
        self.fields[VERSION_FIELD] = field

    def clean(self):
        cleaned_data = super().clean()
        if VERSION_FIELD in self.fields and self.instance.pk is not None:
            self._check_conflict(cleaned_data.get(VERSION_FIELD, ""))
        return cleaned_data

    def _check_conflict(self, opened):
        model = type(self.instance)
        stored = stored_version(model, self.instance.pk, lock=True)
        if stored is None or stored == opened:
            return
        # Shown again, the form is based on the stored state: a second save,
        # after looking, replaces the other change on purpose.
        self.data = self.data.copy()
        self.data[self.add_prefix(VERSION_FIELD)] = stored

        seen, newer = self._history_since(_changed_at(opened))
        name = model._meta.verbose_name
        if newer:
            authors = sorted({r.history_user.get_username() for r in newer if r.history_user})
            when = formats.date_format(
                timezone.localtime(newer[0].history_date), "SHORT_DATETIME_FORMAT"
            )
            who = ", ".join(authors) or _("a command run on the server")
            self.add_error(
                None,
                _("%(who)s saved this %(name)s at %(when)s, after you opened it.")
                % {"who": who, "name": name, "when": when},
            )
        else:
            self.add_error(
                None, _("Someone else saved this %(name)s after you opened it.") % {"name": name}
            )
        changed = self._fields_changed(seen, newer[0]) if seen and newer else []
        if changed:
            labels = [capfirst(str(model._meta.get_field(f).verbose_name)) for f in changed]
            self.add_error(
                None, _("Changed meanwhile: %(fields)s.") % {"fields": ", ".join(labels)}
            )
            for field in changed:
                if field in self.fields:
                    self.add_error(field, _("Changed by someone else after you opened this page."))
        self.add_error(
            None,
            _(
                "Nothing of yours is saved yet, and your input is kept below. Compare it "
                "with the other change, then save again to replace that change with yours."
            ),
        )

    def _history_since(self, opened_at):
        """The history record of the state the form showed, and the ones saved after it
        (newest first)."""
        history = getattr(self.instance, "history", None)
        if history is None or opened_at is None:
            return None, []
        records = history.select_related("history_user").order_by("-history_date")
        seen = records.filter(updated_at=opened_at).first()
        if seen is None:
            return None, list(records.filter(updated_at__gt=opened_at))
        return seen, list(records.filter(history_date__gt=seen.history_date))

    def _fields_changed(self, seen, latest):
        model = type(self.instance)
        try:
            # The untranslated column mirrors one language; the languages say it all.
            untranslated = set(translator.get_options_for_model(model).all_fields)
        except NotRegistered:
            untranslated = set()
        excluded = [*BOOKKEEPING, *untranslated]
        delta = latest.diff_against(seen, excluded_fields=excluded, foreign_keys_are_objs=False)
        order = {field.name: n for n, field in enumerate(model._meta.get_fields())}
        return sorted(
            (c.field for c in delta.changes if c.old not in (None, "") or c.new not in (None, "")),
            key=lambda name: order.get(name, len(order)),
        )
