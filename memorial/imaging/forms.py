"""The form field through which every image enters the site."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from . import images

#: The browser's file picker offers these; the pipeline decides.
ACCEPT = "image/jpeg,image/png,image/webp"


def limits_help_text():
    return format_lazy(
        _(
            "JPEG, PNG or WebP only; at most {size} MB and {pixels} megapixels. "
            "The site stores a clean copy: orientation applied, colours converted to "
            "sRGB, all metadata (EXIF, GPS, camera details) removed."
        ),
        size=images.MAX_UPLOAD_BYTES // (1024 * 1024),
        pixels=images.MAX_PIXELS // 1_000_000,
    )


class ImageUploadField(forms.FileField):
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
