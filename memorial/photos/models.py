import uuid

from django.db import models
from django.db.models.functions import Length, Trim
from django.db.models.lookups import GreaterThan
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from memorial.core.dates import DatePrecision, format_partial_date, precision_constraints
from memorial.core.managers import SlugManager
from memorial.core.models import PublishableModel, text_field, title_field
from memorial.core.validators import TEXT_VALIDATORS, http_url


def photo_upload_to(instance, filename):
    """Never keep the uploader's file name: it can carry anything."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"photos/{uuid.uuid4().hex}.{extension}"


class Photo(PublishableModel):
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
    events = models.ManyToManyField(
        "events.Event", verbose_name=_("events"), blank=True, related_name="photos"
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = SlugManager()

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["sort_order", "taken_date", "title"]
        constraints = [
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
            *precision_constraints("taken_date", "taken_precision", name="photos_photo"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("photos:detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["sources.source", "events.event"]

    @property
    def taken_display(self):
        return format_partial_date(self.taken_date, self.taken_precision)
