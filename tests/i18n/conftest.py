import re
from html.parser import HTMLParser

import pytest
from django.urls import translate_url
from django.utils.translation import override

from tests.pages.conftest import memorial_content, page_urls  # noqa: F401

LANGUAGES = ("az", "en", "ru")


def page_paths(content):
    """One address of every page type, in English."""
    with override("en"):
        return page_urls(content)


def in_language(path, language):
    """An English path in another language (resolved as English, whatever is active)."""
    with override("en"):
        return translate_url(path, language)


@pytest.fixture
def paths(memorial_content):  # noqa: F811
    return page_paths(memorial_content)


class Page(HTMLParser):
    """What the language tests look at: lang, alternates, switcher, headings, text."""

    def __init__(self, html):
        super().__init__()
        self.lang = None
        self.alternates = {}
        self.switcher = {}
        self.h1 = []
        self.text = []
        self._stack = []
        self._in_switcher = False
        self._skip = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs:
            self.alternates[attrs["hreflang"]] = attrs["href"]
        if tag == "nav" and "language-switcher" in attrs.get("class", ""):
            self._in_switcher = True
        if tag == "a" and self._in_switcher:
            self.switcher[attrs.get("hreflang")] = attrs
        if tag in ("script", "style", "title"):
            self._skip += 1
        if tag not in ("link", "meta", "img", "input", "source", "br", "hr"):
            self._stack.append(tag)

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in_switcher = False
        if tag in ("script", "style", "title"):
            self._skip -= 1
        if self._stack and self._stack[-1] == tag:
            self._stack.pop()

    def handle_data(self, data):
        if self._skip:
            return
        if "h1" in self._stack:
            self.h1.append(data)
        if self._in_switcher:
            return
        self.text.append(data)

    @property
    def heading(self):
        return re.sub(r"\s+", " ", "".join(self.h1)).strip()

    @property
    def visible_text(self):
        return re.sub(r"\s+", " ", " ".join(self.text))
