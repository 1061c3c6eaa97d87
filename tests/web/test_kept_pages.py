"""A page the page cache does not hold is still cheap: its body and its JSON-LD are kept
rendered under the content version, so a second visit reads the one object it shows
and nothing else, and gives the same page. "Cite this" carries the day of the visit, and the addresses
the host the visitor asked. (The header and footer each process keeps are tested in
tests/web/test_frame.py.)"""

import datetime
import json
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from memorial.articles.models import STORY_SLUG, Article
from memorial.commemorations.models import Commemoration
from memorial.events.models import Event
from memorial.figures.models import Figure
from memorial.people.models import Person
from memorial.photos.models import Photo
from memorial.sources.models import Source

MODELS = {
    "event": Event,
    "figure": Figure,
    "article": Article,
    "commemoration": Commemoration,
    "source": Source,
    "photo": Photo,
    "person": Person,
}


@pytest.fixture(autouse=True)
def fragments_kept(settings):
    settings.MEMORIAL_FRAGMENT_CACHE_SECONDS = 600


def visit(client, url, **headers):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    assert response.status_code == 200, url
    return response.content.decode(), [query["sql"] for query in captured]


def page_of(kind):
    if kind == "story":
        return Article.objects.published().get(slug=STORY_SLUG)
    found = MODELS[kind].objects.published()
    if kind == "article":
        found = found.exclude(slug=STORY_SLUG)
    return found.order_by("pk").first()


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


@pytest.mark.parametrize("kind", [*MODELS, "story"])
def test_a_second_visit_reads_only_the_object_it_shows(client, real_content, kind):
    url = page_of(kind).get_absolute_url()
    first_html, first = visit(client, url)
    second_html, second = visit(client, url)
    assert second_html == first_html
    assert len(second) == 1, second
    assert len(first) > 1
    assert json_ld(second_html) == json_ld(first_html) != []


def test_a_change_shows_at_once_in_the_kept_body_and_json_ld(
    client, real_content, django_capture_on_commit_callbacks
):
    event = page_of("event")
    visit(client, event.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        event.title_en = "A title a curator corrected"
        event.save()
    html, _ = visit(client, event.get_absolute_url())
    assert html.count("A title a curator corrected") >= 3  # the title, the heading, the JSON-LD
    assert any("A title a curator corrected" in json.dumps(data) for data in json_ld(html))


def test_cite_this_gives_the_day_of_the_visit(client, real_content):
    url = page_of("event").get_absolute_url()
    day = timezone.localtime().replace(hour=12)
    with time_machine.travel(day, tick=False):
        today, _ = visit(client, url)
    with time_machine.travel(day + datetime.timedelta(days=1), tick=False):
        tomorrow, _ = visit(client, url)
    assert f"urldate = {{{day.date().isoformat()}}}" in today
    next_day = (day + datetime.timedelta(days=1)).date().isoformat()
    assert f"urldate = {{{next_day}}}" in tomorrow


def test_a_page_kept_for_one_host_names_its_own_host_on_another(client, real_content, settings):
    settings.ALLOWED_HOSTS = ["memorial.example", "mirror.example"]
    url = page_of("person").get_absolute_url()
    visit(client, url, HTTP_HOST="memorial.example")
    html, _ = visit(client, url, HTTP_HOST="mirror.example")
    assert "memorial.example" not in html
    assert f"http://mirror.example{url}" in html
