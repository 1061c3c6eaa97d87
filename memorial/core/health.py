"""Content health: what a curator must fix before the memorial can be trusted.

Forms and database constraints refuse most bad data; these checks find what
they cannot judge (is this alt text real?) and what arrives by other roads
(the loader, the shell, `.update()`).

Core imports no topic app: models are looked up by name when the checks run.
"""

import re
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Now
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from .validators import http_url

#: Models a visitor can see, in the order the report lists them.
CONTENT_MODELS = [
    "sources.Source",
    "events.Event",
    "figures.Figure",
    "photos.Photo",
    "articles.Article",
    "commemorations.Commemoration",
]

#: Formatted text fields whose links are checked, besides every URL field.
RICH_TEXT_FIELDS = {
    "events.Event": ["body"],
    "articles.Article": ["body"],
    "commemorations.Commemoration": ["description"],
}

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
HREF = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']*)["']""", re.I)
SAFE_LINK = re.compile(r"^(https?://|mailto:|/|#)", re.I)

CHECK_ALT_TEXT = _("Photos without real alternative text")
CHECK_CREDIT = _("Photos without a credit")
CHECK_AS_OF = _("Figures without an as-of date")
CHECK_EVENT_SOURCES = _("Events without a source")
CHECK_DRAFT_LINKS = _("Published items that link to unpublished ones")
CHECK_URLS = _("Addresses that are not http(s)")


@dataclass(frozen=True)
class Problem:
    check: str
    obj: models.Model
    message: str

    @property
    def kind(self):
        return self.obj._meta.verbose_name

    @property
    def admin_url(self):
        opts = self.obj._meta
        try:
            return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[self.obj.pk])
        except NoReverseMatch:
            return ""


def find_problems():
    """Every problem, as a list of `Problem`, checks in a fixed order."""
    return [
        *photo_problems(),
        *figure_problems(),
        *event_problems(),
        *draft_link_problems(),
        *address_problems(),
    ]


def _languages():
    return getattr(settings, "MODELTRANSLATION_LANGUAGES", ())


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


def photo_problems():
    Photo = apps.get_model("photos", "Photo")
    for photo in Photo.objects.filter(is_decorative=False).order_by("pk"):
        reasons = []
        for code in _languages():
            alt_text = getattr(photo, f"alt_text_{code}", None)
            # A missing translation falls back to English; only English must exist.
            if not alt_text and code != settings.MODELTRANSLATION_DEFAULT_LANGUAGE:
                continue
            reason = alt_text_problem(alt_text, getattr(photo, f"title_{code}", ""))
            if reason:
                reasons.append(f"{code}: {reason}")
        if reasons:
            yield Problem(CHECK_ALT_TEXT, photo, "; ".join(reasons))
    for photo in Photo.objects.order_by("pk"):
        if _is_placeholder(photo.credit):
            yield Problem(CHECK_CREDIT, photo, _("No one is credited."))


def figure_problems():
    Figure = apps.get_model("figures", "Figure")
    for figure in Figure.objects.filter(as_of_date__isnull=True).select_related("source"):
        yield Problem(CHECK_AS_OF, figure, figure.as_of_note or _("No date and no note."))


def event_problems():
    Event = apps.get_model("events", "Event")
    unsourced = Event.objects.annotate(source_count=models.Count("sources")).filter(source_count=0)
    for event in unsourced.order_by("pk"):
        yield Problem(CHECK_EVENT_SOURCES, event, _("Cite at least one source."))


def _is_publishable(model):
    return any(f.name == "is_published" for f in model._meta.get_fields())


def _not_public(prefix):
    return models.Q(**{f"{prefix}__is_published": False}) | models.Q(
        **{f"{prefix}__published_at__gt": Now()}
    )


def draft_link_problems():
    """A published item that points at a draft leads visitors to a missing page."""
    for label in CONTENT_MODELS:
        model = apps.get_model(label)
        if not _is_publishable(model):
            continue
        for field in model._meta.get_fields():
            if field.auto_created or not (field.many_to_one or field.many_to_many):
                continue
            if not _is_publishable(field.related_model):
                continue
            linking = model.objects.published().filter(_not_public(field.name)).distinct()
            for obj in linking.order_by("pk"):
                related = getattr(obj, field.name)
                targets = related.all() if field.many_to_many else [related]
                drafts = [str(target) for target in targets if not target.is_public]
                yield Problem(
                    CHECK_DRAFT_LINKS,
                    obj,
                    _("%(field)s: %(drafts)s")
                    % {"field": field.verbose_name, "drafts": ", ".join(drafts)},
                )


def _unsafe_link(url):
    try:
        http_url(url)
    except ValidationError:
        return True
    return False


def address_problems():
    for label in CONTENT_MODELS:
        model = apps.get_model(label)
        url_fields = [f.name for f in model._meta.fields if isinstance(f, models.URLField)]
        text_fields = [
            f"{name}_{code}" for name in RICH_TEXT_FIELDS.get(label, []) for code in _languages()
        ]
        if not url_fields and not text_fields:
            continue
        for obj in model._default_manager.order_by("pk"):
            for name in url_fields:
                value = getattr(obj, name)
                if value and _unsafe_link(value):
                    yield Problem(CHECK_URLS, obj, f"{name}: {value}")
            for name in text_fields:
                for link in HREF.findall(getattr(obj, name, "") or ""):
                    if not SAFE_LINK.match(link.strip()) or (
                        link.lower().startswith("http") and _unsafe_link(link.strip())
                    ):
                        yield Problem(CHECK_URLS, obj, f"{name}: {link}")
