import json
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


class PageParser(HTMLParser):
    """Collects what the crawler checks on every page."""

    def __init__(self):
        super().__init__()
        self.links = []
        self.h1 = 0
        self.lang = None
        self.titles = []
        self.descriptions = []
        self.canonicals = []
        self.og_titles = []
        self.landmarks = set()
        self.jsonld = []
        self._in_title = False
        self._in_jsonld = False
        self._in_svg = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "h1":
            self.h1 += 1
        elif tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "svg":
            self._in_svg = True
        elif tag == "title" and not self._in_svg:
            self._in_title = True
            self.titles.append("")
        elif tag == "meta" and attrs.get("name") == "description":
            self.descriptions.append(attrs.get("content", ""))
        elif tag == "meta" and attrs.get("property") == "og:title":
            self.og_titles.append(attrs.get("content", ""))
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonicals.append(attrs.get("href", ""))
        elif tag in {"header", "nav", "main", "footer"}:
            self.landmarks.add(tag)
        elif tag == "script":
            assert attrs.get("type") == "application/ld+json" or attrs.get("src"), attrs
            self._in_jsonld = attrs.get("type") == "application/ld+json"
            if self._in_jsonld:
                self.jsonld.append("")
        assert "style" not in attrs, f"inline style on <{tag}>"
        assert not any(name.startswith("on") for name in attrs), f"inline handler on <{tag}>"
        assert tag != "style", "inline <style> block"

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag == "svg":
            self._in_svg = False
        if tag == "script":
            self._in_jsonld = False

    def handle_data(self, data):
        if self._in_title:
            self.titles[-1] += data
        if self._in_jsonld:
            self.jsonld[-1] += data


def internal(url, base):
    url = urldefrag(urljoin(base, url)).url
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or parts.netloc != "testserver":
        return None
    # The same pages in the other languages are checked in tests/i18n.
    if parts.path.startswith(("/media/", "/static/", "/az/", "/ru/")):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def test_every_page_reachable_from_home_passes_the_html_checks(client, memorial_content):
    """Every internal link answers 200; every HTML page has one h1, lang, unique title and metadata."""
    start = reverse("pages:home")
    queue, seen, titles = [start], {start}, {}
    html_pages = 0
    while queue:
        path = queue.pop(0)
        response = client.get(path)
        assert response.status_code == 200, path
        if not response["Content-Type"].startswith("text/html"):
            continue
        html_pages += 1
        parser = PageParser()
        parser.feed(response.content.decode())
        assert parser.h1 == 1, path
        assert parser.lang == "en", path
        assert len(parser.titles) == 1 and parser.titles[0].strip(), path
        title = parser.titles[0].strip()
        assert title not in titles, f"{path} has the same title as {titles.get(title)}"
        titles[title] = path
        assert len(parser.descriptions) == 1 and parser.descriptions[0].strip(), path
        assert len(parser.canonicals) == 1, path
        assert parser.canonicals[0].startswith("http://testserver/en/"), path
        assert parser.og_titles, path
        assert parser.landmarks == {"header", "nav", "main", "footer"}, path
        assert parser.jsonld, path
        for block in parser.jsonld:
            assert json.loads(block)["@context"] == "https://schema.org"
        for href in parser.links:
            target = internal(href, "http://testserver" + path)
            if target and target not in seen:
                seen.add(target)
                queue.append(target)
    expected = {
        memorial_content["night"].get_absolute_url(),
        memorial_content["graphic"].get_absolute_url(),
        memorial_content["killed_health"].get_absolute_url(),
        memorial_content["commemoration"].get_absolute_url(),
        memorial_content["health"].get_absolute_url(),
        reverse("calendar"),
        reverse("articles:feed-atom"),
        reverse("events:list") + "?kind=aftermath",
    }
    assert expected <= seen
    assert html_pages >= 25


def test_sitemap_lists_every_published_page_and_no_draft(client, memorial_content):
    """sitemap.xml has each public object in each language and leaves drafts out."""
    body = client.get(reverse("sitemap")).content.decode()
    for obj in (
        memorial_content["night"],
        memorial_content["photo"],
        memorial_content["article"],
        memorial_content["commemoration"],
        memorial_content["omm"],
        memorial_content["killed_omm"],
    ):
        assert f"http://testserver{obj.get_absolute_url()}" in body
    assert "/az/timeline/troops-enter/" in body and "/ru/about/" in body
    assert "draft-event" not in body


def test_robots_points_to_the_sitemap(client, db):
    """robots.txt allows the public pages and names the sitemap."""
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_feeds_list_published_articles(client, memorial_content):
    """The Atom and RSS feeds carry published articles only."""
    from tests import factories

    factories.make_article(title_en="Unpublished piece", is_published=False)
    for name in ("articles:feed-atom", "articles:feed-rss"):
        body = client.get(reverse(name)).content.decode()
        assert "The OMM report" in body
        assert "Unpublished piece" not in body


def test_calendar_repeats_every_20_january(client, db):
    """The iCalendar feed is a yearly all-day event on 20 January and the noon silence in UTC."""
    response = client.get(reverse("calendar"))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert "DTSTART;VALUE=DATE:19910120" in body
    assert "RRULE:FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=20" in body
    assert "DTSTART:20170120T080000Z" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_jsonld_cannot_close_its_script_element(client, memorial_content):
    """A title containing </script> stays inside the JSON-LD block, escaped."""
    from tests import factories

    event = factories.make_event(slug="tricky", title_en="</script><script>alert(1)</script>")
    html = client.get(event.get_absolute_url()).content.decode()
    block = html[html.index('<script type="application/ld+json">') :]
    block = block[: block.index("</script>")]
    assert "\\u003C/script\\u003E" in block
    assert "<script>alert(1)" not in html
