"""Every page type, in every language, is valid HTML to the W3C Nu Html Checker
(`vnu-jar`, pinned in package.json, run on the machine's Java)."""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils.translation import override

from tests.visit.pages import LANGUAGES, visitor_pages

pytestmark = pytest.mark.slow

VNU = (
    Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)


def java():
    """The Java runtime: locally a skip names what is missing; in CI it must be there."""
    found = shutil.which("java")
    if found and VNU.exists():
        return found
    message = "the Nu Html Checker needs Java and `npm ci` (vnu-jar)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def test_every_page_type_is_valid_html_in_every_language(real_content, client, tmp_path):
    runtime = java()
    files = {}
    for language in LANGUAGES:
        with override(language):
            for name, url in visitor_pages().items():
                response = client.get(url)
                assert response.status_code in (200, 404), url
                path = tmp_path / f"{language}-{name}.html"
                path.write_bytes(response.content)
                files[str(path)] = url
    result = subprocess.run(
        [runtime, "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{files.get(message.get('url', '').removeprefix('file:'), message.get('url'))}: "
        f"{message['message']} {message.get('extract', '')!r}"
        for message in messages
        if message.get("type") == "error"
    ]
    assert errors == [], "\n".join(errors)


def skipped_levels(html):
    """Headings that skip a level on the way down (an h3 straight after an h1)."""
    levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", html)]
    return [
        f"h{before} → h{after}"
        for before, after in zip(levels, levels[1:], strict=False)
        if after > before + 1
    ]


def test_no_page_skips_a_heading_level(real_content, client):
    """The articles list went from h1 to h3; no page does now, in any language."""
    skipped = {}
    for language in LANGUAGES:
        with override(language):
            for name, url in visitor_pages().items():
                found = skipped_levels(client.get(url).content.decode())
                if found:
                    skipped[f"{language} {name}"] = found
    assert skipped == {}
    assert skipped_levels("<h1>a</h1><h3>b</h3>") == ["h1 → h3"]


def test_the_checker_sees_an_invalid_page(tmp_path):
    """The check can fail: a heading inside a paragraph and a stray end tag are errors."""
    runtime = java()
    page = tmp_path / "broken.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>x</title></head>'
        "<body><p><h2>Heading</h2></p></div></body></html>"
    )
    result = subprocess.run(
        [runtime, "-jar", str(VNU), "--errors-only", "--format", "json", str(page)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    assert any(message["type"] == "error" for message in messages)
