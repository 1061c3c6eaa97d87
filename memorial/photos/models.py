import re
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models.functions import Length, Trim
from django.db.models.lookups import GreaterThan
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from memorial.core.dates import DatePrecision, PartialDateField
from memorial.core.managers import SlugManager
from memorial.core.media import store_file
from memorial.core.models import (
    PublishableModel,
    PublishableQuerySet,
    SearchableModel,
    text_field,
    title_field,
)
from memorial.core.validators import TEXT_VALIDATORS, http_url

from . import images

# "IMG_1234", "DSC01234.JPG", "scan 0001", "photo.jpeg", "2024-01-20 12.03.55"
FILE_NAME_LIKE = re.compile(
    r"""^(?:
        \S+\.(?:jpe?g|png|webp|gif|tiff?|bmp|heic|heif|avif|raw|cr2|nef|dng|psd)
        |(?:img|dsc|dscn|dscf|pxl|scan|image|photo|pict?|p)[\s_-]?\d+\S*
        |[\d\s._-]{6,}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)


def _comparable(text):
    return " ".join(re.sub(r"[^\w\s]", " ", text or "").casefold().split())


def photo_upload_to(instance, filename):
    """Never keep the uploader's file name: it can carry anything.

    The pipeline names every file it writes `upload.<extension of the detected format>`.
    """
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"photos/{uuid.uuid4().hex}.{extension}"


#: What a list of photographs shows of each: a card (photos/_card.html) with its
#: caption, credit, source and rights, or a link.
class PhotoKind(models.TextChoices):
    PHOTOGRAPH = "photograph", _("Photograph")
    ILLUSTRATION = "illustration", _("Illustration")


LISTED_FIELDS = (
    "kind",
    "title",
    "slug",
    "image",
    "renditions",
    "width",
    "height",
    "alt_text",
    "is_decorative",
    "is_graphic",
    "caption",
    "credit",
    "rights",
    "license_url",
    "taken_date",
    "taken_precision",
    "source__key",
    "source__title",
)


class PhotoQuerySet(PublishableQuerySet):
    listed_fields = LISTED_FIELDS

    def listed(self):
        # A card credits its source.
        return super().listed().select_related("source")


class Photo(SearchableModel, PublishableModel):
    title = title_field()
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    image = models.ImageField(
        _("image"),
        upload_to=photo_upload_to,
        width_field="width",
        height_field="height",
        max_length=255,
    )
    width = models.PositiveIntegerField(_("width"), null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True, editable=False)
    renditions = models.JSONField(_("renditions"), default=list, blank=True, editable=False)
    caption = text_field(_("caption"), help_text=_("What the photograph shows, and its story."))
    alt_text = models.CharField(
        _("alternative text"),
        max_length=500,
        blank=True,
        validators=TEXT_VALIDATORS,
        help_text=_(
            "What a person who cannot see the image needs to know. Not a file name, "
            "not the title again."
        ),
    )
    is_decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_("Only for images that carry no content; they get empty alternative text."),
    )
    credit = models.CharField(
        _("credit"), max_length=255, validators=TEXT_VALIDATORS, help_text=_("Who made it.")
    )
    source = models.ForeignKey(
        "sources.Source",
        verbose_name=_("source"),
        on_delete=models.PROTECT,
        related_name="photos",
    )
    rights = models.CharField(
        _("rights statement"),
        max_length=500,
        validators=TEXT_VALIDATORS,
        help_text=_("Licence or permission under which the memorial shows it."),
    )
    license_url = models.URLField(
        _("licence address"), max_length=500, blank=True, validators=[http_url]
    )
    taken_date = models.DateField(_("date taken"), null=True, blank=True)
    taken_precision = models.CharField(
        _("date taken precision"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
    )
    place = models.CharField(_("place"), max_length=255, blank=True)
    is_graphic = models.BooleanField(
        _("graphic content"),
        default=False,
        help_text=_("Shown to visitors only after a content notice."),
    )
    is_featured = models.BooleanField(_("featured on the home page"), default=False)
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=PhotoKind.choices,
        default=PhotoKind.PHOTOGRAPH,
        help_text=_("An illustration is labelled as one wherever it is shown."),
    )
    is_home_image = models.BooleanField(
        _("the home page's image"),
        default=False,
        help_text=_("Shown at the head of the home page. One image at a time."),
    )
    events = models.ManyToManyField(
        "events.Event", verbose_name=_("events"), blank=True, related_name="photos"
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    taken = PartialDateField("taken_date", "taken_precision")

    objects = SlugManager.from_queryset(PhotoQuerySet)()
    search_fields = ("title", "caption", "alt_text", "place", "credit")

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["sort_order", "taken_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=PhotoKind.values), name="photos_photo_kind_valid"
            ),
            models.UniqueConstraint(
                fields=["is_home_image"],
                condition=models.Q(is_home_image=True),
                name="photos_one_home_image",
                violation_error_message=_("Another image is already the home page's image."),
            ),
            models.CheckConstraint(
                condition=GreaterThan(Length(Trim("title_en")), 0),
                name="photos_photo_title_not_blank",
            ),
            models.CheckConstraint(
                condition=models.Q(is_decorative=True) | ~models.Q(alt_text_en=""),
                name="photos_photo_alt_text_required",
            ),
            models.CheckConstraint(
                condition=models.Q(license_url="")
                | models.Q(license_url__startswith="http://")
                | models.Q(license_url__startswith="https://"),
                name="photos_photo_license_url_http",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_illustration(self):
        return self.kind == PhotoKind.ILLUSTRATION

    def save(self, *args, **kwargs):
        """Store a new image only as the pipeline's re-encoded copy, with its renditions.

        Files are written before the row; if the row cannot be written, they are
        deleted again, and a file the storage refused part way (a full disk)
        leaves nothing behind either (`MediaNotStored`). A replaced image's old
        files go once the change commits.
        """
        if not self.image or self.image._committed:
            return super().save(*args, **kwargs)
        upload = self.image.file
        clean = getattr(upload, "clean", None) or images.clean_image(upload, self.image.name)
        old_files = self._stored_file_names()
        written = []
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        storage, field = self.image.storage, self.image.field
        try:
            with transaction.atomic(using=using):
                name = store_file(
                    storage,
                    field.generate_filename(self, f"upload.{clean.extension}"),
                    images.CleanImageFile(clean),
                    max_length=field.max_length,
                )
                written.append(name)
                self.image = name  # stored: the field records it and reads its size
                self.renditions = images.write_renditions(
                    clean, self.image.name, self.image.storage
                )
                written.extend(item["name"] for item in self.renditions)
                super().save(*args, **kwargs)
        except BaseException:
            images.delete_files(written, storage)
            raise
        if old_files:
            transaction.on_commit(lambda: images.delete_files(old_files, storage), using=using)
        return None

    def get_absolute_url(self):
        return reverse("photos:detail", kwargs={"slug": self.slug})

    def clean(self):
        """Alternative text in every language, never a file name nor the title again."""
        super().clean()
        if self.is_decorative:
            return
        titles = {
            _comparable(getattr(self, f"title_{code}", ""))
            for code in settings.MODELTRANSLATION_LANGUAGES
        } - {""}
        errors = {}
        for code in settings.MODELTRANSLATION_LANGUAGES:
            field = f"alt_text_{code}"
            value = (getattr(self, field, "") or "").strip()
            if not value:
                errors[field] = ValidationError(
                    _("Describe the image in this language too, or mark it decorative."),
                    code="alt_text_required",
                )
            elif _comparable(value) in titles:
                errors[field] = ValidationError(
                    _("This repeats the title. Describe what the image shows."),
                    code="alt_text_is_title",
                )
            elif FILE_NAME_LIKE.match(value):
                errors[field] = ValidationError(
                    _("This looks like a file name. Describe what the image shows."),
                    code="alt_text_file_name",
                )
        if errors:
            raise ValidationError(errors)

    def _stored_file_names(self):
        if not self.pk:
            return []
        stored = (
            type(self)._default_manager.filter(pk=self.pk).values("image", "renditions").first()
        )
        if not stored:
            return []
        return [stored["image"], *(item["name"] for item in stored["renditions"] or [])]

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["sources.source", "events.event"]

    def loaded_from_fixture(self):
        """Called by the content loader: fixture images arrive without renditions."""
        images.ensure_renditions(self)


def delete_photo_files(sender, instance, using, **kwargs):
    """Remove a deleted photo's original and renditions once the deletion commits.

    Connected to post_delete in PhotosConfig.ready(), because the admin's bulk
    "delete selected" deletes a queryset and never calls Model.delete().
    """
    names = images.photo_file_names(instance)
    storage = instance.image.storage
    transaction.on_commit(lambda: images.delete_files(names, storage), using=using)
