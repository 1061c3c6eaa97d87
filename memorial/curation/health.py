"""Content health: what a curator must fix before the memorial can be trusted.

Forms and database constraints refuse most bad data; these checks find what
they cannot judge (is this alt text real?) and what arrives by other roads
(the loader, the shell, `.update()`).

Each topic app registers its own checks (`registry.HealthCheck`); the links of
every registered content model are checked here.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Now
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from memorial.core import registry
from memorial.core.validators import http_url

HREF = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']*)["']""", re.I)
SAFE_LINK = re.compile(r"^(https?://|mailto:|/|#)", re.I)

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
    """Every problem, as a list of `Problem`: each app's checks in order, then the links."""
    problems = []
    for check in registry.contributions(registry.HealthCheck):
        problems.extend(Problem(check.title, obj, message) for obj, message in check.find())
    return [*problems, *draft_link_problems(), *address_problems()]


def _languages():
    return getattr(settings, "MODELTRANSLATION_LANGUAGES", ())


def _columns(model, name):
    """A translated field's column in every language; an untranslated field's own."""
    columns = {field.name for field in model._meta.fields}
    translated = [f"{name}_{code}" for code in _languages() if f"{name}_{code}" in columns]
    return translated or [name]


def _is_publishable(model):
    return any(f.name == "is_published" for f in model._meta.get_fields())


def _not_public(prefix):
    return models.Q(**{f"{prefix}__is_published": False}) | models.Q(
        **{f"{prefix}__published_at__gt": Now()}
    )


def draft_link_problems():
    """A published item that points at a draft leads visitors to a missing page."""
    for model in registry.content_models():
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
    for content in registry.contributions(registry.Content):
        model = content.get_model()
        url_fields = [f.name for f in model._meta.fields if isinstance(f, models.URLField)]
        text_fields = [column for name in content.rich_text for column in _columns(model, name)]
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
