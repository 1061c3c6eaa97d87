"""The image pipeline: validate → normalise → strip → renditions.

One pipeline for every image the site takes in: a curator's photograph and a
visitor's alike go through the same checks and the same limits.

Every file the site serves is written here, by Pillow, from decoded pixels:
never the uploaded bytes. An upload is checked before it is decoded (size,
container, pixel count from the header, frame count), decoded once, turned
upright, converted to 8-bit sRGB and re-encoded without any metadata. The
stored original and its renditions all come from that clean image.
"""

import contextlib
import io
import os
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError, features

from memorial.core.media import store_file

MAX_UPLOAD_BYTES = 25 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_FRAMES = 100

# Pillow refuses to open anything over twice this and warns above it; the
# pipeline itself refuses anything over MAX_PIXELS, checked from the header.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

# Detected format → (stored format, file extension, extensions a curator's file may carry).
ACCEPTED_FORMATS = {
    "JPEG": ("JPEG", "jpg", {"jpg", "jpeg", "jpe", "jfif"}),
    "MPO": ("JPEG", "jpg", {"jpg", "jpeg", "jpe", "jfif"}),  # camera JPEG with extra frames
    "PNG": ("PNG", "png", {"png"}),
    "WEBP": ("WEBP", "webp", {"webp"}),
}
# MPO (a camera JPEG with extra frames) is opened by the JPEG plugin.
OPEN_FORMATS = ["JPEG", "PNG", "WEBP"]

ORIENTATION = 0x0112

RENDITION_WIDTHS = (320, 640, 1024, 1600)
RENDITION_DIR = "photos/renditions"

MEDIA_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}
_ENCODERS = {
    "avif": ("AVIF", "avif", {"quality": 60, "speed": 8}),
    "webp": ("WEBP", "webp", {"quality": 80, "method": 3}),
    "jpeg": ("JPEG", "jpg", {"quality": 82, "progressive": True, "optimize": True}),
}
_ORIGINAL_OPTIONS = {
    "JPEG": {"quality": 92, "subsampling": "4:4:4"},
    "PNG": {"compress_level": 6},
    "WEBP": {"quality": 92, "method": 4},
}


def rendition_formats():
    """Modern formats first: browsers take the first `<source>` they support."""
    return [name for name in ("avif", "webp") if features.check(name)] + ["jpeg"]


class ImageRejected(ValidationError):
    """An upload the pipeline refuses; the message says why, for the curator."""


@dataclass
class CleanImage:
    """A decoded, upright, 8-bit sRGB image with no metadata, ready to encode."""

    image: Image.Image
    format: str
    extension: str

    @property
    def size(self):
        return self.image.size

    def encode_original(self):
        return _encode(self.image, self.format, _ORIGINAL_OPTIONS[self.format])


class CleanImageFile(ContentFile):
    """The re-encoded original, carrying the clean image its renditions are made from."""

    def __init__(self, clean):
        super().__init__(clean.encode_original(), name=f"upload.{clean.extension}")
        self.clean = clean


def _reject(message, code, **params):
    raise ImageRejected(message, code=code, params=params)


def _sniff_non_image(head):
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith(b"%pdf"):
        return _("a PDF document")
    markup = (b"<svg", b"<script", b"<html", b"<!doctype")
    if stripped.startswith((b"<", b"#!")) or (
        b"\x00" not in head and any(tag in stripped for tag in markup)
    ):
        return _("text or markup (HTML, SVG or a script)")
    return None


def _identify_other(file):
    """Name a format we refuse, for the message; the file is never decoded."""
    file.seek(0)
    try:
        with Image.open(file) as other:
            return other.format
    except Exception:  # noqa: BLE001 - anything unreadable is simply "not an image"
        return None


def _png_has_trailing_data(file, size):
    """A PNG ends at its IEND chunk; anything after it is smuggled content."""
    file.seek(8)
    while True:
        header = file.read(8)
        if len(header) < 8:
            return False
        length = int.from_bytes(header[:4], "big")
        end = file.tell() + length + 4
        if header[4:8] == b"IEND":
            return end < size
        if end > size:
            return False
        file.seek(end)


def _webp_has_trailing_data(file, size):
    file.seek(4)
    riff_size = int.from_bytes(file.read(4), "little")
    return riff_size + 8 + (riff_size % 2) < size


def _open_checked(file, name):
    """Every check that needs no decoding, in order; returns the opened (not loaded) image."""
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, io.SEEK_END)
        size = file.tell()
    if size == 0:
        _reject(_("The file is empty."), "empty")
    if size > MAX_UPLOAD_BYTES:
        _reject(
            _("The file is %(size)s; the limit is %(limit)s MB."),
            "too_large",
            size=filesizeformat(size),
            limit=MAX_UPLOAD_BYTES // (1024 * 1024),
        )
    file.seek(0)
    kind = _sniff_non_image(file.read(1024))
    if kind:
        _reject(
            _("This file is not an image but %(kind)s. Upload a JPEG, PNG or WebP image."),
            "not_image",
            kind=kind,
        )
    file.seek(0)
    try:
        image = Image.open(file, formats=OPEN_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        _reject(
            _("The image has more than %(limit)s megapixels; scale it down before uploading."),
            "too_many_pixels",
            limit=MAX_PIXELS // 1_000_000,
        )
    except UnidentifiedImageError:
        other = _identify_other(file)
        if other:
            _reject(
                _("%(format)s images are not accepted. Upload a JPEG, PNG or WebP image."),
                "format",
                format=other,
            )
        _reject(
            _(
                "This file is not an image Pillow can read, or it is damaged. Upload a JPEG, PNG or WebP image."
            ),
            "not_image",
        )
    except (OSError, SyntaxError, ValueError, EOFError):
        _reject(_("The image is damaged or truncated."), "corrupt")

    width, height = image.size
    if width * height > MAX_PIXELS:
        image.close()
        _reject(
            _("The image has more than %(limit)s megapixels; scale it down before uploading."),
            "too_many_pixels",
            limit=MAX_PIXELS // 1_000_000,
        )
    if width < 1 or height < 1:
        image.close()
        _reject(_("The image is damaged or truncated."), "corrupt")

    stored_format, extension, extensions = ACCEPTED_FORMATS[image.format]
    suffix = PurePosixPath(name or "").suffix.lower().lstrip(".")
    if suffix not in extensions:
        detected = image.format
        image.close()
        _reject(
            _(
                "The file name ends in “.%(suffix)s” but the file is a %(format)s image. "
                "Save it again with the right extension."
            ),
            "extension_mismatch",
            suffix=suffix,
            format=detected,
        )
    try:
        frames = getattr(image, "n_frames", 1)
    except (OSError, SyntaxError, ValueError, EOFError):
        image.close()
        _reject(_("The image is damaged or truncated."), "corrupt")
    if frames > MAX_FRAMES:
        image.close()
        _reject(
            _("The image is animated with %(frames)s frames; at most %(limit)s are accepted."),
            "too_many_frames",
            frames=frames,
            limit=MAX_FRAMES,
        )
    trailing = (stored_format == "PNG" and _png_has_trailing_data(file, size)) or (
        image.format == "WEBP" and _webp_has_trailing_data(file, size)
    )
    if trailing:
        image.close()
        _reject(
            _("Something is appended after the end of the image. Export the image again."),
            "trailing_data",
        )
    file.seek(0)
    return image, stored_format, extension


def _to_srgb(image):
    """Convert to 8-bit L, RGB or RGBA, through the embedded ICC profile when there is one."""
    icc = image.info.get("icc_profile")
    if image.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        # 16-bit greyscale: scale to 8 bits instead of clipping at 255.
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    elif image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    elif image.mode in ("LA", "PA", "La", "RGBa"):
        image = image.convert("RGBA")
    elif image.mode not in ("L", "RGB", "RGBA", "CMYK"):
        image = image.convert("RGB")

    if icc:
        image = _apply_profile(image, icc)
    if image.mode == "CMYK":
        image = image.convert("RGB")
    if image.mode == "RGBA" and image.getextrema()[3][0] == 255:
        image = image.convert("RGB")  # an alpha channel that hides nothing
    return image


def _apply_profile(image, icc):
    """Convert pixels from their embedded colour profile to sRGB."""
    alpha = image.getchannel("A") if image.mode == "RGBA" else None
    base = image.convert("RGB") if alpha is not None else image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        converted = ImageCms.profileToProfile(
            base, source, _srgb_profile(), outputMode="L" if base.mode == "L" else "RGB"
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        # An unusable or mismatched profile: keep the pixels as they are.
        return image
    if alpha is not None:
        converted.putalpha(alpha)
    return converted


def _srgb_profile():
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def clean_image(file, name=None):
    """Validate an upload and return it decoded, upright, 8-bit sRGB, with no metadata.

    Raises ImageRejected with a message for the curator.
    """
    name = name if name is not None else getattr(file, "name", "")
    image, stored_format, extension = _open_checked(file, name)
    try:
        image.load()
        orientation = image.getexif().get(ORIENTATION, 1)
    except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError):
        image.close()
        _reject(_("The image is damaged or truncated."), "corrupt")
    icc = image.info.get("icc_profile")
    if orientation in range(2, 9):
        image = ImageOps.exif_transpose(image)
        if icc:
            image.info["icc_profile"] = icc
    clean = _to_srgb(image)
    del image
    clean.info = {}
    return CleanImage(image=clean, format=stored_format, extension=extension)


def _encode(image, fmt, options):
    if fmt == "JPEG" and image.mode == "RGBA":
        image = _flatten(image)
    elif fmt in ("WEBP", "AVIF") and image.mode == "L":
        image = image.convert("RGB")
    buffer = io.BytesIO()
    # No exif, icc_profile or xmp is passed, and info was emptied: nothing but pixels.
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def _encode_as(image, kind):
    pillow_format, _extension, options = _ENCODERS[kind]
    return _encode(image, pillow_format, options)


def _flatten(image):
    background = Image.new("RGB", image.size, (255, 255, 255))
    background.paste(image, mask=image.getchannel("A"))
    return background


def rendition_widths(width):
    """The fixed widths, never wider than the image itself."""
    return sorted({min(target, width) for target in RENDITION_WIDTHS})


def rendition_name(original_name, width, kind):
    stem = PurePosixPath(original_name).stem
    return f"{RENDITION_DIR}/{stem}-{width}w.{_ENCODERS[kind][1]}"


def write_renditions(clean, original_name, storage=None):
    """Encode every width in every format and store them; returns the renditions list."""
    storage = storage or default_storage
    renditions = []
    source = clean.image
    kinds = rendition_formats()
    # Pillow's encoders release the GIL: the formats of one width encode side by side.
    with (
        ThreadPoolExecutor(max_workers=min(len(kinds), os.cpu_count() or 1)) as pool,
        _deleted_on_failure(renditions, storage),
    ):
        for width in sorted(rendition_widths(source.width), reverse=True):
            height = max(1, round(source.height * width / source.width))
            if (width, height) == source.size:
                resized = source
            else:
                resized = source.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
            encoded = pool.map(partial(_encode_as, resized), kinds)
            for kind, content in zip(kinds, encoded, strict=True):
                name = rendition_name(original_name, width, kind)
                if storage.exists(name):
                    storage.delete(name)
                stored = store_file(storage, name, ContentFile(content))
                renditions.append(
                    {"width": width, "height": height, "format": kind, "name": stored}
                )
            # Each smaller width is made from the previous one: faster, and no visible loss.
            source = resized
    renditions.sort(key=lambda item: (item["width"], item["format"]))
    return renditions


@contextlib.contextmanager
def _deleted_on_failure(renditions, storage):
    """Renditions already written are deleted when a later one fails: nothing half made stays."""
    try:
        yield
    except BaseException:
        delete_files([item["name"] for item in renditions], storage)
        raise


def generated_name(extension, folder="photos"):
    return f"{folder}/{uuid.uuid4().hex}.{extension}"


def delete_files(names, storage=None):
    storage = storage or default_storage
    for name in names:
        if name and storage.exists(name):
            storage.delete(name)
