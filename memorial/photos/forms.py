import uuid

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import AdminFileWidget
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from memorial.curation.content_admin import ContentAdminForm
from memorial.imaging import images
from memorial.imaging.forms import ACCEPT, ImageUploadField, limits_help_text

from .models import Photo

#: Where an accepted upload waits while the rest of its form is put right. Old
#: files there are cleared by `remove_orphan_files`, as any unreferenced photo file.
PENDING_DIRECTORY = "photos/pending"
PENDING_SALT = "memorial.photos.pending-upload"
#: How long a kept upload can be used again (remove_orphan_files keeps files an hour).
PENDING_SECONDS = 55 * 60


def pending_name(reference):
    """The stored name a signed reference stands for, or None if it is forged, expired or gone."""
    try:
        name = signing.loads(reference, salt=PENDING_SALT, max_age=PENDING_SECONDS)
    except signing.BadSignature:
        return None
    if not isinstance(name, str) or not name.startswith(f"{PENDING_DIRECTORY}/") or ".." in name:
        return None
    return name if default_storage.exists(name) else None


class PhotoImageField(ImageUploadField):
    """A photograph's file, through the site's one image pipeline."""


class PendingImageWidget(AdminFileWidget):
    """The file input, and the upload kept from the last try with its preview."""

    pending = None

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if not self.pending:
            return html
        reference, url, size = self.pending
        return format_html(
            '{}<input type="hidden" name="{}" value="{}">'
            '<p class="memorial-pending-upload">'
            '<img class="memorial-thumb" src="{}" alt="" width="160" height="{}">'
            "<span>{}</span></p>",
            html,
            f"{name}{PhotoAdminForm.PENDING_SUFFIX}",
            reference,
            url,
            round(160 * size[1] / size[0]) if size[0] else 160,
            _(
                "The image you chose is kept ({width} × {height} pixels): save again "
                "without choosing it, or choose another to replace it."
            ).format(width=size[0], height=size[1]),
        )


def _formfield(db_field, **kwargs):
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class PhotoAdminForm(ContentAdminForm):
    """A photo's form: an accepted upload survives an error in another field, and the
    alternative text every language needs is marked as required."""

    PENDING_SUFFIX = "_pending"

    image = PhotoImageField(
        label=_("image"),
        widget=PendingImageWidget(attrs={"accept": ACCEPT}),
        help_text=limits_help_text(),
    )

    class Meta:
        model = Photo
        formfield_callback = _formfield
        # The admin passes its own field list (every language of each translated field).
        exclude = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pending = None
        key = self.add_prefix("image")
        if self.is_bound and not self.files.get(key):
            name = pending_name(self.data.get(key + self.PENDING_SUFFIX, ""))
            if name:
                self.pending = name
                self.files = self.files.copy()
                with default_storage.open(name) as kept:
                    self.files[key] = ContentFile(kept.read(), name=name.rsplit("/", 1)[-1])
        self._mark_alt_text_required()

    def _mark_alt_text_required(self):
        """Alternative text is needed in every language unless the image is decorative:
        its fields are marked as required, and the model's rule says what is missing."""
        decorative = self.instance.is_decorative
        if self.is_bound:
            decorative = forms.CheckboxInput().value_from_datadict(
                self.data, self.files, self.add_prefix("is_decorative")
            )
        for code in settings.MODELTRANSLATION_LANGUAGES:
            field = self.fields.get(f"alt_text_{code}")
            if field is None:
                continue
            field.required = not decorative
            field.error_messages["required"] = _(
                "Describe the image in this language too, or mark it decorative."
            )
            # Ticking "decorative" lifts the need: the browser must not insist.
            field.widget.use_required_attribute = lambda initial: False

    def full_clean(self):
        super().full_clean()
        upload = self.cleaned_data.get("image") if hasattr(self, "cleaned_data") else None
        if not self.errors or not isinstance(upload, images.CleanImageFile):
            return
        # Keep the accepted upload, so that putting another field right does not
        # mean choosing the file again.
        if self.pending is None:
            self.pending = default_storage.save(
                f"{PENDING_DIRECTORY}/{uuid.uuid4().hex}.{upload.clean.extension}",
                images.CleanImageFile(upload.clean),
            )
        reference = signing.dumps(self.pending, salt=PENDING_SALT)
        self.fields["image"].widget.pending = (
            reference,
            default_storage.url(self.pending),
            upload.clean.size,
        )

    def save(self, commit=True):
        obj = super().save(commit)
        if self.pending:
            # The photo's own copy is written from it; the kept file goes once that commits.
            name = self.pending
            transaction.on_commit(lambda: images.delete_files([name], default_storage))
        return obj
