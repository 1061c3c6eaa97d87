"""System checks of the memorial's own pages, seen by `manage.py check --deploy`."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

#: Domains reserved for examples (RFC 2606, RFC 6761): mail sent there reaches nobody.
EXAMPLE_DOMAINS = ("example.org", "example.com", "example.net")
EXAMPLE_SUFFIXES = (".example", ".invalid", ".test", ".localhost")


def is_example_address(address):
    local, at, domain = address.rpartition("@")
    domain = domain.strip().lower().rstrip(".")
    return (
        not (local and at and domain)
        or domain in EXAMPLE_DOMAINS
        or domain.endswith(tuple(f".{name}" for name in EXAMPLE_DOMAINS))
        or domain.endswith(EXAMPLE_SUFFIXES)
    )


@register(Tags.compatibility, deploy=True)
def contact_address_check(app_configs=None, **kwargs):
    """The About page asks visitors to write to MEMORIAL_CONTACT_EMAIL: while that is an
    example address, every correction sent is lost."""
    address = settings.MEMORIAL_CONTACT_EMAIL
    if not is_example_address(address):
        return []
    return [
        Warning(
            f"MEMORIAL_CONTACT_EMAIL is {address!r}, an example address: corrections "
            "visitors send from the About page would reach nobody.",
            hint="Set MEMORIAL_CONTACT_EMAIL to the address where curators read corrections.",
            id="memorial.W001",
        )
    ]
