"""Formatted text is written in the rich text editor, loaded as the policy allows."""

import re

import pytest
from django.urls import reverse

from memorial.core import registry

pytestmark = pytest.mark.django_db


def test_every_rich_text_field_gets_the_editor(superuser_client):
    for content in registry.contributions(registry.Content):
        if not content.rich_text:
            continue
        opts = content.get_model()._meta
        page = superuser_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        html = page.content.decode()
        for name in content.rich_text:
            for code in ("az", "en", "ru"):
                assert re.search(
                    rf'<textarea [^>]*data-rich-text[^>]*id="id_{name}_{code}"', html
                ) or re.search(rf'<textarea [^>]*id="id_{name}_{code}"[^>]*data-rich-text', html), (
                    opts.label,
                    name,
                    code,
                )
        # One module script from the site; no import map or other inline script to allow.
        assert re.search(r'<script [^>]*type="module"[^>]*rich-text\.js', html) or re.search(
            r'<script [^>]*rich-text\.js[^>]*type="module"', html
        )
        assert "importmap" not in html
        inline = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html)
        assert inline == [], opts.label
