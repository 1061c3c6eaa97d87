from django.contrib.admin.widgets import AdminFileWidget
from django.db import models
from django.utils.translation import gettext_lazy as _

from memorial.curation.content_admin import ContentAdminForm
from memorial.imaging.forms import ACCEPT, ImageUploadField, limits_help_text

from .models import Photo


class PhotoImageField(ImageUploadField):
    """A photograph's file, through the site's one image pipeline."""


def _formfield(db_field, **kwargs):
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class PhotoAdminForm(ContentAdminForm):
    image = PhotoImageField(
        label=_("image"),
        widget=AdminFileWidget(attrs={"accept": ACCEPT}),
        help_text=limits_help_text(),
    )

    class Meta:
        model = Photo
        formfield_callback = _formfield
        # The admin passes its own field list (every language of each translated field).
        exclude = ()
