"""Static files compressed and cached for a year; every page type stays under 60 KB."""

import gzip
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from tests.pages.conftest import multiply_content, page_urls

ROOT = Path(__file__).resolve().parents[2]
PAGE_BUDGET_BYTES = 60 * 1024


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """collectstatic with the production storage (hashed names, gzip and Brotli) into a temp dir."""
    root = tmp_path_factory.mktemp("static")
    environment = {**os.environ, "DJANGO_DEBUG": "true", "DJANGO_STATIC_ROOT": str(root)}
    environment.pop("DJANGO_STATICFILES_STORAGE", None)
    environment["DJANGO_SETTINGS_MODULE"] = "config.settings"
    environment["MEMORIAL_VAR_DIR"] = str(tmp_path_factory.mktemp("var"))
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=environment,
        check=True,
        timeout=300,
    )
    return root


@pytest.fixture
def production_static(settings, collected):
    settings.STATIC_ROOT = collected
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    return collected


@pytest.mark.django_db
def test_static_files_are_served_compressed_with_far_future_caching(production_static):
    """Pages link hashed names; WhiteNoise answers them in Brotli or gzip, immutable for years."""
    client = Client()
    html = client.get(reverse("pages:home")).content.decode()
    start = html.index('href="/static/memorial/memorial.') + len('href="')
    url = html[start : html.index('"', start)]
    assert url.count(".") >= 2, url  # memorial.<hash>.css
    assert (production_static / url.removeprefix("/static/")).with_suffix(".css.br").exists()
    for encoding in ("br", "gzip"):
        response = client.get(url, headers={"accept-encoding": encoding})
        assert response.status_code == 200
        assert response["Content-Encoding"] == encoding
        assert "max-age=315360000" in response["Cache-Control"]
        assert "immutable" in response["Cache-Control"]
        assert response["Vary"] == "Accept-Encoding"
        body = b"".join(response.streaming_content)
        response.close()
        assert len(body) < (production_static / url.removeprefix("/static/")).stat().st_size
    plain = client.get(url)
    assert not plain.has_header("Content-Encoding")
    plain.close()


class AssetParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.assets = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.assets.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.assets.append(attrs["src"])


def gzip_size(data):
    return len(gzip.compress(data, compresslevel=6))


@pytest.mark.django_db
def test_every_page_type_weighs_at_most_60_kb_compressed(client, memorial_content):
    """HTML plus its CSS and JavaScript, gzipped, for each page type with ten times the content."""
    multiply_content(10)
    pages = page_urls(memorial_content)
    weights = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        parser = AssetParser()
        parser.feed(response.content.decode())
        total = gzip_size(response.content)
        for asset in parser.assets:
            path = finders.find(asset.removeprefix("/static/"))
            assert path, asset
            total += gzip_size(Path(path).read_bytes())
        weights[name] = total
    heaviest = max(weights, key=weights.get)
    assert weights[heaviest] <= PAGE_BUDGET_BYTES, weights
