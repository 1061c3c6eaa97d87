"""What the content-health report finds wrong with photos: alternative text and credit."""

import re

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Photo

ALT_TEXT_MIN_LENGTH = 10
PLACEHOLDER_WORDS = {
    "",
    "-",
    "?",
    "n/a",
    "none",
    "unknown",
    "image",
    "photo",
    "picture",
    "photograph",
    "şəkil",
    "foto",
    "фото",
    "изображение",
    "неизвестно",
    "naməlum",
}
FILE_NAME = re.compile(r"(\.(jpe?g|png|gif|webp|tiff?|heic)$)|^(img|dsc|dscn|pxl)[_-]?\d+", re.I)


def _is_placeholder(text):
    return text.strip().lower().strip(".") in PLACEHOLDER_WORDS


def alt_text_problem(alt_text, title):
    """Why an alternative text is not a real description, or None if it is."""
    text = (alt_text or "").strip()
    if _is_placeholder(text):
        return _("missing")
    if FILE_NAME.search(text):
        return _("a file name")
    if title and text.lower() == title.strip().lower():
        return _("repeats the title")
    if len(text) < ALT_TEXT_MIN_LENGTH:
        return _("too short to describe the image")
    return None


def photos_without_alt_text():
    for photo in Photo.objects.filter(is_decorative=False).order_by("pk"):
        reasons = []
        for code in settings.MODELTRANSLATION_LANGUAGES:
            alt_text = getattr(photo, f"alt_text_{code}", None)
            # A missing translation falls back to English; only English must exist.
            if not alt_text and code != settings.MODELTRANSLATION_DEFAULT_LANGUAGE:
                continue
            reason = alt_text_problem(alt_text, getattr(photo, f"title_{code}", ""))
            if reason:
                reasons.append(f"{code}: {reason}")
        if reasons:
            yield photo, "; ".join(reasons)


def photos_without_credit():
    for photo in Photo.objects.order_by("pk"):
        if _is_placeholder(photo.credit):
            yield photo, _("No one is credited.")
