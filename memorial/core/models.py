"""Abstract building blocks shared by every topic app."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Now
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.manager import MultilingualManager, MultilingualQuerySet

from .html import check_html_bounds, sanitize_html
from .text import search_key, searchable_texts
from .validators import TEXT_VALIDATORS

#: Sent after `ContentQuerySet.update()` changed rows, for it sends no model signal;
#: the page cache listens, so that such a change is seen as any other.
content_updated = Signal()


class TimeStampedModel(models.Model):
    # Database defaults too, so that plain `loaddata` of fixtures without
    # timestamps works on an empty database.
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_default=Now())
    updated_at = models.DateTimeField(_("changed at"), auto_now=True, db_default=Now())
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        abstract = True


class ContentQuerySet(MultilingualQuerySet):
    """Querysets of the memorial's content, multilingual from the start.

    django-modeltranslation makes a plain queryset of a translated model
    multilingual (field names rewritten to the active language's columns) by
    giving it a new class, made again for every query; `ContentManager` hands
    out these querysets as they are.
    """

    #: The fields a list shows of each object (`listed()`); empty for all of them.
    listed_fields = ()

    def listed(self):
        """These objects as a list shows them (an entry, a card, a link to each).

        A model whose list items read fewer fields than it has names them in
        `listed_fields`, which makes long lists and each detail page's related
        lists cheaper to read.
        """
        return self.only(*self.listed_fields) if self.listed_fields else self

    def update(self, **kwargs):
        rows = super().update(**kwargs)
        content_updated.send(sender=self.model)
        return rows


class ContentManager(MultilingualManager):
    """The manager of content, whose queryset class is already multilingual (`ContentQuerySet`).

    Being a MultilingualManager, django-modeltranslation leaves it as it is.
    """

    def get_queryset(self):
        return self._queryset_class(model=self.model, using=self._db, hints=self._hints)


class PublishableQuerySet(ContentQuerySet):
    """The one place that decides what visitors may see."""

    def published(self):
        condition = models.Q(is_published=True) & (
            models.Q(published_at__isnull=True) | models.Q(published_at__lte=Now())
        )
        return self.filter(condition)

    def visible_to(self, user):
        """Staff preview drafts; everyone else sees what is published."""
        if user is not None and user.is_active and user.is_staff:
            return self.all()
        return self.published()


class PublishableModel(TimeStampedModel):
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Only published items are shown to visitors."),
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_(
            "Baku time. Leave empty to publish at once; a future time keeps the item "
            "hidden until then."
        ),
    )

    objects = ContentManager.from_queryset(PublishableQuerySet)()

    class Meta:
        abstract = True

    @property
    def is_public(self):
        return self.is_published and (
            self.published_at is None or self.published_at <= timezone.now()
        )


class SearchableModel(models.Model):
    """Content found by search: `search_key` folds its text in every language and script.

    `search_fields` names the fields whose words are searched; a translated
    field counts in every language. The key is computed on every save, so the
    admin, the loader and the shell all keep it current.
    """

    search_key = models.TextField(_("search key"), blank=True, default="", editable=False)

    search_fields = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # The key is made of the text as it will be stored.
        sanitize_rich_text(self)
        self.search_key = search_key(*self.search_texts())
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_key"}
        super().save(*args, **kwargs)

    def search_texts(self):
        return searchable_texts(self, self.search_fields)


class RichTextField(models.TextField):
    """Formatted text, sanitised on every write: a form, the loader, `loaddata`, `restore`,
    the shell, `update()`.

    `save()` cleans the value in place; the value sent to the database is cleaned
    again (a no-op for text already clean), which covers the raw saves of
    `loaddata` and the values of `update()`. Its validator refuses text too long
    or too deeply nested to clean quickly (see `memorial.core.html`); a raw save
    of such a text raises the same error.
    """

    default_validators = [check_html_bounds]

    def pre_save(self, model_instance, add):
        value = sanitize_html(super().pre_save(model_instance, add))
        setattr(model_instance, self.attname, value)
        return value

    def get_db_prep_save(self, value, connection):
        if isinstance(value, str):
            value = str(sanitize_html(value))
        return super().get_db_prep_save(value, connection)


def sanitize_rich_text(instance):
    """Clean every rich-text field of `instance` in place, each language included."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, RichTextField):
            setattr(instance, field.attname, sanitize_html(getattr(instance, field.attname)))


def title_field(verbose_name=None, max_length=255, **kwargs):
    return models.CharField(
        verbose_name or _("title"), max_length=max_length, validators=TEXT_VALIDATORS, **kwargs
    )


def text_field(verbose_name, **kwargs):
    kwargs.setdefault("blank", True)
    return models.TextField(verbose_name, validators=TEXT_VALIDATORS, **kwargs)


def rich_text_field(verbose_name, **kwargs):
    kwargs.setdefault("blank", True)
    return RichTextField(verbose_name, validators=TEXT_VALIDATORS, **kwargs)


class LoadedRecord(models.Model):
    """What the content loader last wrote to one object.

    `fixture_digest` fingerprints the fixture entry as written; `state_digest`
    fingerprints the object as stored right after loading. While the object
    still matches `state_digest`, no curator has touched it and a newer
    fixture may replace it; otherwise the curator's edit wins.
    """

    model = models.CharField(max_length=100)
    natural_key = models.CharField(max_length=255)
    fixture_digest = models.CharField(max_length=64)
    state_digest = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("loaded fixture record")
        verbose_name_plural = _("loaded fixture records")
        constraints = [
            models.UniqueConstraint(
                fields=["model", "natural_key"], name="core_loadedrecord_unique"
            ),
        ]

    def __str__(self):
        return f"{self.model} {self.natural_key}"
