"""A photograph's files: the image pipeline (memorial/imaging) applied to a Photo row."""

from django.core.files.storage import default_storage

from memorial.imaging.images import (
    ACCEPTED_FORMATS,
    MAX_FRAMES,
    MAX_PIXELS,
    MAX_UPLOAD_BYTES,
    MEDIA_TYPES,
    OPEN_FORMATS,
    RENDITION_DIR,
    RENDITION_WIDTHS,
    CleanImage,
    CleanImageFile,
    ImageRejected,
    clean_image,
    delete_files,
    generated_name,
    rendition_formats,
    rendition_name,
    rendition_widths,
    write_renditions,
)

__all__ = [
    "ACCEPTED_FORMATS",
    "MAX_FRAMES",
    "MAX_PIXELS",
    "MAX_UPLOAD_BYTES",
    "MEDIA_TYPES",
    "OPEN_FORMATS",
    "RENDITION_DIR",
    "RENDITION_WIDTHS",
    "CleanImage",
    "CleanImageFile",
    "ImageRejected",
    "clean_image",
    "delete_files",
    "ensure_renditions",
    "generated_name",
    "photo_file_names",
    "regenerate",
    "rendition_formats",
    "rendition_name",
    "rendition_widths",
    "renditions_complete",
    "write_renditions",
]


def photo_file_names(photo):
    names = [item["name"] for item in photo.renditions or []]
    if photo.image and photo.image.name:
        names.append(photo.image.name)
    return names


def renditions_complete(photo, storage=None):
    """True when the stored renditions are exactly the expected set and all exist."""
    storage = storage or default_storage
    if not photo.renditions or not photo.width:
        return False
    expected = {
        (width, kind) for width in rendition_widths(photo.width) for kind in rendition_formats()
    }
    recorded = {(item.get("width"), item.get("format")) for item in photo.renditions}
    return recorded == expected and all(storage.exists(item["name"]) for item in photo.renditions)


def regenerate(photo, storage=None):
    """Make the renditions again from the stored original and record them on the row."""
    storage = storage or default_storage
    with storage.open(photo.image.name, "rb") as original:
        clean = clean_image(original, name=photo.image.name)
    old = {item["name"] for item in photo.renditions or []}
    renditions = write_renditions(clean, photo.image.name, storage)
    delete_files(old - {item["name"] for item in renditions}, storage)
    width, height = clean.size
    type(photo)._default_manager.filter(pk=photo.pk).update(
        renditions=renditions, width=width, height=height
    )
    photo.renditions, photo.width, photo.height = renditions, width, height
    return renditions


def ensure_renditions(photo, storage=None):
    """Make a photo's renditions if they are missing or incomplete; safe to call again.

    Returns True when it wrote anything.
    """
    if renditions_complete(photo, storage):
        return False
    regenerate(photo, storage)
    return True
