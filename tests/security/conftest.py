from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.conf import settings
from django.urls import reverse

from tests.pages.conftest import memorial_content  # noqa: F401

EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def parse_csp(header):
    directives = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition(" ")
        if name:
            directives[name] = value.strip()
    return directives


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)


def crawl(client, start=None):
    """Every internal page reachable from the home page, as (path, response) pairs."""
    start = start or reverse("pages:home")
    queue, seen, pages = [start], {start}, []
    while queue:
        path = queue.pop(0)
        response = client.get(path)
        pages.append((path, response))
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        parser = LinkParser()
        parser.feed(response.content.decode())
        for href in parser.links:
            url = urldefrag(urljoin("http://testserver" + path, href)).url
            parts = urlsplit(url)
            if parts.netloc != "testserver" or parts.path.startswith("/media/"):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return pages


def cookies_set(path, response):
    """The cookies a page sets, but for the one a form needs.

    The form visitors write to the memorial with (its own page, never kept by a
    cache) is the one public page with a CSRF token, so it alone sets Django's
    CSRF cookie; every other page sets none.
    """
    names = set(response.cookies)
    form = reverse("submissions:new").split("/", 2)[2]
    if urlsplit(path).path.split("/", 2)[-1] == form:
        names -= {settings.CSRF_COOKIE_NAME}
    return names


@pytest.fixture
def public_pages(client, memorial_content):  # noqa: F811
    return crawl(client)
