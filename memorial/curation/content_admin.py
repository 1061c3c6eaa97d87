"""What every content admin shares: audit stamps, publishing, history with diffs.

Each topic app's admin builds on `ContentAdmin` (sources, which have no drafts)
or `PublishableAdmin` (everything a visitor may or may not see yet).
"""

import dataclasses
import logging

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin
from modeltranslation.translator import translator
from simple_history.admin import SimpleHistoryAdmin

from memorial.core.media import MediaNotStored

from .conflicts import EditConflictFormMixin, stored_version, version_field

logger = logging.getLogger(__name__)

EMPTY = (None, "")
AUDIT_FIELDS = ("created_at", "created_by", "updated_at", "updated_by")


class ContentAdminForm(EditConflictFormMixin, forms.ModelForm):
    """Stops a save that would undo another curator's (`EditConflictFormMixin`), and
    checks database constraints on translated fields before the database does.

    The admin edits `title_en`, `title_az`..., so Django leaves out every
    constraint written on `title` itself; without this, such a rule would
    surface as a server error instead of a message on the form.
    """

    def _post_clean(self):
        super()._post_clean()
        options = translator.get_options_for_model(self._meta.model)
        originals = set(options.all_fields)
        exclude = self._get_validation_exclusions() - originals
        for constraint in self._meta.model._meta.constraints:
            condition = getattr(constraint, "condition", None)
            if condition is None:
                continue
            fields = models.Q(condition).referenced_base_fields
            if not fields & originals:
                continue
            translated = {f.name for name in fields & originals for f in options.all_fields[name]}
            if translated & set(self.errors):
                continue
            try:
                constraint.validate(self._meta.model, self.instance, exclude=exclude)
            except ValidationError as error:
                self.add_error(None, error)


class MediaNotStoredForm(forms.ModelForm):
    """The form shown again after storage refused its upload: the refusal is on the file field."""

    def clean(self):
        cleaned_data = super().clean()
        uploaded = [name for name in self.fields if self.add_prefix(name) in self.files]
        self.add_error(
            uploaded[0] if uploaded else None,
            _(
                "The file could not be stored: the server's storage is full or cannot be "
                "written to. Nothing was saved. Try again later, and tell the site's "
                "administrator if it happens again."
            ),
        )
        return cleaned_data


class ContentInlineForm(EditConflictFormMixin, forms.ModelForm):
    """Content edited within another object's page (a source's figures): each object's
    row carries its version, so saving the page cannot undo a change made to it meanwhile.
    The inline lists `edited_version` among its fields, where it renders hidden."""

    edited_version = version_field()


def stamp(obj, user):
    """Record who created and who last changed an object."""
    if not hasattr(obj, "updated_by_id"):
        return
    if obj._state.adding and obj.created_by_id is None:
        obj.created_by = user
    obj.updated_by = user


class ContentAdmin(TranslationAdmin, SimpleHistoryAdmin):
    """A content model in the curators' workroom, with its history."""

    form = ContentAdminForm
    list_per_page = 50
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    # Bookkeeping columns change on every save; a diff lists what a curator changed.
    history_diff_excluded_fields = ("updated_at", "updated_by")

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), *AUDIT_FIELDS)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except MediaNotStored as error:
            # The save was rolled back and its files removed. Show the form again,
            # with what the curator typed and the refusal on the file field.
            logger.error("An upload was not stored: %s", error)
            request.media_not_stored = error
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        opened = getattr(request, "memorial_opened_version", None)
        if opened is not None:
            form = type(form.__name__, (form,), {"opened_version": opened})
        if getattr(request, "media_not_stored", None) is not None:
            form = type(form.__name__, (MediaNotStoredForm, form), {})
        return form

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # A revert form shows an old state but replaces the one stored now, so
        # that is the version it guards; the revert is one transaction, as a save is.
        with transaction.atomic(using=router.db_for_write(self.model)):
            request.memorial_opened_version = stored_version(self.model, object_id)
            return super().history_form_view(request, object_id, version_id, extra_context)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.fieldsets and obj is not None:
            record = {"fields": [AUDIT_FIELDS[:2], AUDIT_FIELDS[2:]], "classes": ["collapse"]}
            fieldsets = [*fieldsets, (_("Record"), record)]
        return fieldsets

    def get_list_select_related(self, request):
        related = super().get_list_select_related(request)
        if related is True:
            return related
        # The "last change" column names the curator of every row.
        return [*(related or []), "updated_by"]

    def save_model(self, request, obj, form, change):
        stamp(obj, request.user)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for obj in instances:
            stamp(obj, request.user)
            obj.save()
        formset.save_m2m()

    def get_search_results(self, request, queryset, search_term):
        # PostgreSQL refuses NUL in any string; a pasted one must not become a 500.
        search_term = search_term.replace("\x00", "")
        return super().get_search_results(request, queryset, search_term)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        # The untranslated column mirrors one language; the languages say it all.
        excluded = [
            *self.history_diff_excluded_fields,
            *translator.get_options_for_model(self.model).all_fields,
        ]
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(
                    current,
                    excluded_fields=excluded,
                    foreign_keys_are_objs=foreign_keys_are_objs,
                )
                # An empty translation stored as NULL once and "" later is no change.
                changes = [c for c in delta.changes if c.old not in EMPTY or c.new not in EMPTY]
                delta = dataclasses.replace(
                    delta, changes=changes, changed_fields=[c.field for c in changes]
                )
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current

    @admin.display(description=_("last change"), ordering="updated_at")
    def last_change(self, obj):
        if obj.updated_by is None:
            return format_html("{}", _date(obj.updated_at))
        return format_html("{}<br>{}", _date(obj.updated_at), obj.updated_by.get_username())


def _date(value):
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


class PublishableAdmin(ContentAdmin):
    """Content with a draft state and a publication time; curators preview drafts."""

    actions = ["publish", "unpublish"]

    def get_view_on_site_url(self, obj=None):
        if obj is None or not hasattr(obj, "get_absolute_url"):
            return super().get_view_on_site_url(obj)
        url = obj.get_absolute_url()
        if not obj.is_public:
            url = f"{url}?preview=1"
        return url

    @admin.display(description=_("state"), ordering="is_published")
    def public_state(self, obj):
        if not obj.is_published:
            return _("Draft")
        if not obj.is_public:
            return format_html("{} {}", _("Scheduled for"), _date(obj.published_at))
        return _("Published")

    @admin.action(description=_("Publish the selected items"), permissions=["change"])
    def publish(self, request, queryset):
        self._set_published(request, queryset, True)

    @admin.action(description=_("Unpublish the selected items"), permissions=["change"])
    def unpublish(self, request, queryset):
        self._set_published(request, queryset, False)

    def _set_published(self, request, queryset, value):
        changed = 0
        # One save per object, so each change reaches the history with its author.
        for obj in queryset.exclude(is_published=value):
            obj.is_published = value
            stamp(obj, request.user)
            obj.save(update_fields=["is_published", "updated_by", "updated_at"])
            self.log_change(request, obj, [{"changed": {"fields": ["is_published"]}}])
            changed += 1
        if value:
            message = ngettext(
                "%(count)d item was published.", "%(count)d items were published.", changed
            )
        else:
            message = ngettext(
                "%(count)d item was unpublished.", "%(count)d items were unpublished.", changed
            )
        self.message_user(request, message % {"count": changed}, messages.SUCCESS)
