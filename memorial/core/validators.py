"""Validators shared by every content model.

Model fields carry them so that `full_clean()` (the admin, the loader) refuses
what the database would store silently on SQLite and reject on PostgreSQL.
"""

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator, URLValidator
from django.utils.translation import gettext_lazy as _

no_null_characters = ProhibitNullCharactersValidator()

# Only links a visitor can follow safely: never javascript:, data: or file:.
http_url = URLValidator(
    schemes=["http", "https"],
    message=_("Enter a web address that starts with http:// or https://."),
)


def not_blank(value):
    """Refuse a text that is only white space."""
    if isinstance(value, str) and value and not value.strip():
        raise ValidationError(_("This field cannot be only spaces."), code="blank")


TEXT_VALIDATORS = [no_null_characters, not_blank]
