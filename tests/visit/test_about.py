"""About takes its contact address from settings; a deploy check warns while it is an example."""

import pytest
from django.urls import reverse

from memorial.pages.checks import contact_address_check, is_example_address


@pytest.mark.django_db
def test_about_writes_the_contact_address_from_settings(client, settings):
    settings.MEMORIAL_CONTACT_EMAIL = "curators@memorial.az"
    html = client.get(reverse("pages:about")).content.decode()
    assert 'href="mailto:curators@memorial.az"' in html
    assert "example.org" not in html


@pytest.mark.parametrize(
    ("address", "example"),
    [
        ("corrections@example.org", True),
        ("someone@mail.example.com", True),
        ("a@memorial.test", True),
        ("no-domain", True),
        ("curators@memorial.az", False),
        ("corrections@exampleorg.az", False),
    ],
)
def test_an_example_domain_is_recognised(address, example):
    assert is_example_address(address) is example


def test_the_check_warns_only_while_the_address_is_an_example(settings):
    settings.MEMORIAL_CONTACT_EMAIL = "corrections@example.org"
    assert [warning.id for warning in contact_address_check()] == ["memorial.W001"]
    settings.MEMORIAL_CONTACT_EMAIL = "curators@memorial.az"
    assert contact_address_check() == []
