from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from memorial.curation.content_admin import ContentAdminForm

from . import images
from .models import Photo


class PhotoImageField(forms.FileField):
    """An upload the pipeline accepts, already re-encoded; the uploaded bytes are never kept."""

    default_error_messages = {
        "empty": _("The file is empty."),
    }

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        clean = images.clean_image(upload, upload.name)
        return images.CleanImageFile(clean)


def _formfield(db_field, **kwargs):
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class PhotoAdminForm(ContentAdminForm):
    image = PhotoImageField(
        label=_("image"),
        widget=AdminFileWidget(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=format_lazy(
            _(
                "JPEG, PNG or WebP only; at most {size} MB and {pixels} megapixels. "
                "The site stores a clean copy: orientation applied, colours converted to "
                "sRGB, all metadata (EXIF, GPS, camera details) removed."
            ),
            size=images.MAX_UPLOAD_BYTES // (1024 * 1024),
            pixels=images.MAX_PIXELS // 1_000_000,
        ),
    )

    class Meta:
        model = Photo
        formfield_callback = _formfield
        # The admin passes its own field list (every language of each translated field).
        exclude = ()
