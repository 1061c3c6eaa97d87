"""Which languages of an object are complete: a text filled in one language and empty in
another is a gap.

A translated field counts only where some language has it: an empty caption is
empty in every language and leaves nothing to translate.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator


def languages():
    return tuple(settings.MODELTRANSLATION_LANGUAGES)


def translated_fields(model):
    """The names of the model's translated fields (`title`, `summary` ...), or ()."""
    try:
        return tuple(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return ()


def gaps(obj):
    """{language: [field names]} of the texts `obj` has in another language but not in this one."""
    found = {}
    for name in translated_fields(type(obj)):
        values = {code: getattr(obj, f"{name}_{code}", "") or "" for code in languages()}
        if not any(values.values()):
            continue
        for code, value in values.items():
            if not value:
                found.setdefault(code, []).append(name)
    return found


def _empty(column):
    return models.Q(**{f"{column}__isnull": True}) | models.Q(**{column: ""})


def missing(model, code):
    """A condition: some text of the object is filled in another language and empty in `code`."""
    condition = models.Q(pk__in=[])
    for name in translated_fields(model):
        others = models.Q(pk__in=[])
        for other in languages():
            if other != code:
                others |= ~_empty(f"{name}_{other}")
        condition |= _empty(f"{name}_{code}") & others
    return condition


def status_text(obj):
    """ "Complete", or the languages missing: "az, ru missing"."""
    missing_codes = [code for code in languages() if code in gaps(obj)]
    if not missing_codes:
        return _("complete")
    return _("%(languages)s missing") % {"languages": ", ".join(missing_codes)}
