"""Content health: what a curator must fix before the memorial can be trusted.

Forms and database constraints refuse most bad data; these checks find what
they cannot judge (is this alt text real?) and what arrives by other roads
(the loader, the shell, `.update()`).

Each topic app registers its own checks (`registry.HealthCheck`); the links of
every registered content model are checked here.
"""

import dataclasses
import datetime
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Now
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from memorial.core import registry
from memorial.core.validators import http_url

from . import translations
from .models import Acknowledgement, object_key

HREF = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']*)["']""", re.I)
SAFE_LINK = re.compile(r"^(https?://|mailto:|/|#)", re.I)

CHECK_DRAFT_LINKS = _("Published items that link to unpublished ones")
CHECK_URLS = _("Addresses that are not http(s)")
CHECK_TRANSLATIONS = _("Text filled in one language and empty in another")
CHECK_PLACEHOLDER_DATES = _("Dates that look like placeholders")

#: Dates that spreadsheets and tools fill in when nothing was known.
PLACEHOLDER_DATES = {datetime.date(1900, 1, 1), datetime.date(1970, 1, 1)}
#: Nothing the memorial records happened before this year.
EARLIEST_YEAR = 1900


@dataclass
class Problem:
    check: str
    obj: models.Model
    message: str
    #: Which check found it, in words that do not change with the language: what an
    #: acknowledgement is kept under.
    key: str = dataclasses.field(default="", compare=False)
    content_type: object = dataclasses.field(default=None, compare=False, repr=False)
    #: (who, when, why) when a curator acknowledged it as a known gap.
    acknowledged: tuple = dataclasses.field(default=None, compare=False, repr=False)

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


def check_key(find):
    return f"{find.__module__}.{find.__qualname__}"


def find_problems():
    """Every problem, as a list of `Problem`: each app's checks in order, then those
    that span every kind of content."""
    problems = []
    for check in registry.contributions(registry.HealthCheck):
        key = check_key(check.find)
        problems.extend(Problem(check.title, obj, msg, key) for obj, msg in check.find())
    for find in (
        draft_link_problems,
        address_problems,
        translation_problems,
        placeholder_date_problems,
    ):
        key = check_key(find)
        problems.extend(Problem(p.check, p.obj, p.message, key) for p in find())
    return problems


def sorted_problems():
    """(open, acknowledged): the problems that count, and those a curator acknowledged as
    known gaps, each with who did, when and why (`problem.acknowledged`)."""
    known = Acknowledgement.objects.keys()
    types = {}
    open_problems, acknowledged = [], []
    for problem in find_problems():
        model = type(problem.obj)
        if model not in types:
            types[model] = ContentType.objects.get_for_model(model)
        problem.content_type = types[model]
        problem.acknowledged = known.get((problem.key, types[model].pk, object_key(problem.obj)))
        (acknowledged if problem.acknowledged else open_problems).append(problem)
    return open_problems, acknowledged


def translation_problems():
    """A text written in one language and left empty in another: the visitor reading that
    language gets the fallback instead."""
    for model in registry.content_models():
        if not translations.translated_fields(model):
            continue
        condition = models.Q(pk__in=[])
        for code in translations.languages():
            condition |= translations.missing(model, code)
        for obj in model._default_manager.filter(condition).order_by("pk"):
            gaps = translations.gaps(obj)
            yield Problem(
                CHECK_TRANSLATIONS,
                obj,
                "; ".join(
                    _("empty in %(language)s: %(fields)s")
                    % {
                        "language": code,
                        "fields": ", ".join(
                            str(model._meta.get_field(name).verbose_name) for name in names
                        ),
                    }
                    for code, names in gaps.items()
                ),
            )


def placeholder_date_problems():
    """A date before 1900, on 1 January 1900 or 1970, or more than a year ahead: a
    placeholder someone meant to replace."""
    latest = timezone.localdate() + datetime.timedelta(days=366)
    for model in registry.content_models():
        dates = [f for f in model._meta.concrete_fields if type(f) is models.DateField]
        for date_field in dates:
            name = date_field.name
            condition = (
                models.Q(**{f"{name}__year__lt": EARLIEST_YEAR})
                | models.Q(**{f"{name}__in": PLACEHOLDER_DATES})
                | models.Q(**{f"{name}__gt": latest})
            )
            for obj in model._default_manager.filter(condition).order_by("pk"):
                yield Problem(
                    CHECK_PLACEHOLDER_DATES,
                    obj,
                    f"{capfirst(date_field.verbose_name)}: {getattr(obj, name).isoformat()}",
                )


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
