"""The root address picks a language; the sitemap lists every address with its alternates."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept", "language"),
    [
        ("az-AZ,az;q=0.9,en;q=0.5", "az"),
        ("ru-RU,ru;q=0.9", "ru"),
        ("en-GB,en;q=0.8", "en"),
        ("de-DE,de;q=0.9,fr;q=0.8", "en"),
        ("", "en"),
    ],
)
def test_root_redirects_by_accept_language_with_english_as_the_default(client, accept, language):
    """`/` sends the browser's language, or English when none of az, en, ru is asked for."""
    headers = {"HTTP_ACCEPT_LANGUAGE": accept} if accept else {}
    response = client.get("/", **headers)
    assert response.status_code == 302
    assert response["Location"] == f"/{language}/"
    assert "Accept-Language" in response["Vary"]
    assert not response.cookies


def test_root_redirect_is_not_cached_for_the_next_visitor(client, settings):
    """With the page cache on, a Russian browser's redirect is not served to an Azerbaijani one."""
    settings.MEMORIAL_PAGE_CACHE_SECONDS = 600
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ru")["Location"] == "/ru/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="az")["Location"] == "/az/"


def test_sitemap_lists_every_address_with_its_alternates(client, memorial_content):
    """Each <url> carries xhtml:link alternates for az, en, ru and x-default."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    assert 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in xml
    slug = memorial_content["night"].slug
    for language in ("az", "en", "ru"):
        assert f"<loc>http://testserver/{language}/timeline/{slug}/</loc>" in xml
    urls = re.findall(r"<url>(.*?)</url>", xml, re.S)
    assert urls
    for url in urls:
        hreflangs = set(re.findall(r'hreflang="([^"]+)"', url))
        assert hreflangs == {"az", "en", "ru", "x-default"}, url
