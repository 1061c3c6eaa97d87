"""The wall, a person's page, and what the names bring to the rest of the site."""

import csv
import datetime
import io
import json
import re

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from memorial.people.collation import sort_key
from memorial.web import cache as page_caching
from tests import factories

from .conftest import make_person

pytestmark = pytest.mark.django_db


def jsonld_of(html):
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def wall_names(html):
    return re.findall(r'<li><a href="/\w\w/names/[\w-]+/">([^<]+)</a>', html)


@pytest.mark.parametrize("language", ["az", "en", "ru"])
def test_the_wall_shows_every_published_name_and_no_draft(client, names, language):
    """One h1, the page's language, published names in its script, no draft, the graves apart."""
    with translation.override(language):
        response = client.get(reverse("people:wall"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert f'<html lang="{language}">' in html
    shown = wall_names(html)
    surname = {"az": "Məmmədova", "en": "Mammadova", "ru": "Мамедова"}[language]
    assert f"{surname} Larisa" in shown or f"{surname} Лариса" in shown
    assert not any("Draft" in name for name in shown)
    assert 'id="unidentified"' in html


def test_the_wall_follows_the_azerbaijani_alphabet(client, names):
    """In az, C comes before Ç-less Cə… by letter: Cabbarov, Cəfərov (a < ə); in en, Jabbarov, Jafarov."""
    with translation.override("az"):
        shown = wall_names(client.get(reverse("people:wall")).content.decode())
    named = [name for name in shown if not name.startswith("Naməlum")]
    assert named == sorted(named, key=lambda name: sort_key(name, "az"))
    assert (
        named.index("Cabbarov Firuz")
        < named.index("Cəfərov Əbülfəz")
        < named.index("Məmmədova Larisa")
    )
    assert sort_key("Ismayil", "az") > sort_key("Ilgar", "az")
    assert sort_key("Çobanov", "az") > sort_key("Cəfərov", "az")
    assert sort_key("Əliyev", "az") > sort_key("Eminov", "az")
    assert sort_key("Xəlilov", "az") < sort_key("İsmayılov", "az")
    assert sort_key("Ёлкин", "ru") < sort_key("Жуков", "ru")


def test_the_wall_groups_names_by_initial(client, names):
    with translation.override("az"):
        html = client.get(reverse("people:wall")).content.decode()
    headings = re.findall(r'<h2 id="letter-\d+">(.+?)</h2>', html)
    assert headings == ["A", "C", "M"]


def test_the_wall_says_how_many_of_the_147_and_150_it_holds_and_how_to_write(
    client, names, settings
):
    names["ilham"].on_monument = "yes"
    names["ilham"].recognised_martyr = "yes"
    names["ilham"].recognition_source = names["ilham"].attestations.get().source
    names["ilham"].save()
    html = client.get(reverse("people:wall")).content.decode()
    assert "names 4 people" in html
    assert "bears 147 names; 1 of them" in html
    assert "150 people hold the title “Martyr of 20 January”; 1 of them" in html
    assert f'href="mailto:{settings.MEMORIAL_CONTACT_EMAIL}"' in html
    assert reverse("pages:about") in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"place": "Neftchala"}, ["Jafarov Abulfaz"]),
        ({"died": "1990-01-25"}, ["Jafarov Abulfaz"]),
        ({"age": "child"}, ["Mammadova Larisa"]),
        ({"age": "young"}, ["Allahverdiyev Ilham"]),
    ],
)
def test_the_wall_filters_by_place_date_of_death_and_age(client, names, params, expected):
    response = client.get(reverse("people:wall"), params)
    assert response.status_code == 200
    assert wall_names(response.content.decode()) == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ("place=Neftchala", ["Jafarov Abulfaz"]),
        ("died=1990-01-25", ["Jafarov Abulfaz"]),
        ("age=child", ["Mammadova Larisa"]),
    ],
)
def test_a_filtered_wall_served_from_the_page_cache_shows_the_filtered_names(
    client, names, settings, params, expected
):
    """Each filter is part of the page cache's key: a cached whole wall is never served
    for a filtered one, and a filtered wall is kept as a page of its own."""
    settings.MEMORIAL_PAGE_CACHE_SECONDS = 600
    url = reverse("people:wall")
    whole = client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    assert len(wall_names(whole.content.decode())) == 5
    first = client.get(f"{url}?{params}")
    assert first["X-Page-Cache"] == "miss"
    assert wall_names(first.content.decode()) == expected
    again = client.get(f"{url}?{params}&utm_source=x")
    assert again["X-Page-Cache"] == "hit"
    assert wall_names(again.content.decode()) == expected


@pytest.mark.parametrize(
    "params", [{"place": "Atlantis"}, {"died": "1990-02-30"}, {"age": "ancient"}]
)
def test_a_bad_filter_is_a_field_error_not_a_server_error(client, names, params):
    response = client.get(reverse("people:wall"), params)
    assert response.status_code == 400
    assert 'class="form-error"' in response.content.decode()


def test_made_up_filters_leave_nothing_in_the_page_cache(client, names, settings):
    """Only places on the wall make a page of their own: a flood of others is answered
    with a 400 and stored nowhere; the wall's filters sent to a person page are ignored
    and that answer is not kept either."""
    settings.MEMORIAL_PAGE_CACHE_SECONDS = 600
    wall, person = reverse("people:wall"), names["ilham"].get_absolute_url()
    client.get(wall)
    client.get(f"{wall}?place=Neftchala")
    assert client.get(f"{wall}?place=Neftchala")["X-Page-Cache"] == "hit"
    sent = []
    for n in range(50):
        sent += [f"{wall}?place=Atlantis {n}", f"{wall}?died=1990-01-{n % 9 + 10}"]
        assert client.get(sent[-2]).status_code == 400
        assert client.get(sent[-1]).status_code == 400
        sent.append(f"{person}?place=Baku {n}")
        assert client.get(sent[-1])["X-Page-Cache"] == "miss"
    for url in sent:
        key, _kept, _read = page_caching._page_key(RequestFactory().get(url))
        assert cache.get(key) is None, url


def test_a_person_page_has_the_name_in_three_scripts_sources_and_cite_this(client, names):
    person = names["ilham"]
    response = client.get(person.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    for name in ("İlham", "Ilham", "Ильхам"):
        assert name in html
    assert "A list of the dead" in html
    assert 'id="cite-this"' in html
    assert 'property="og:type" content="profile"' in html
    assert '<link rel="alternate" hreflang="ru"' in html


def test_a_person_page_describes_the_person_in_json_ld(client, names):
    data = jsonld_of(client.get(names["caferov"].get_absolute_url()).content.decode())
    (person,) = [d for d in data if d.get("@type") == "Person"]
    assert person["deathDate"] == "1990-01-25"
    assert person["deathPlace"] == {"@type": "Place", "name": "Neftchala"}
    assert person["name"] == "Abulfaz Jafarov"
    assert "Абульфаз Джафаров" in person["alternateName"]


def test_a_month_known_death_is_written_at_its_precision(client, names):
    data = jsonld_of(client.get(names["cabbarov"].get_absolute_url()).content.decode())
    assert [d["deathDate"] for d in data if d.get("@type") == "Person"] == ["1990-01"]


def test_drafts_have_no_page(client, names):
    assert client.get(names["draft"].get_absolute_url()).status_code == 404


def test_previous_and_next_follow_the_wall(client, names):
    html = client.get(names["cabbarov"].get_absolute_url()).content.decode()
    assert re.search(r'rel="prev">.*Allahverdiyev Ilham', html)
    assert re.search(r'rel="next">.*Jafarov Abulfaz', html)


def test_differing_ages_are_shown_with_their_sources(client, names):
    person = names["larisa"]
    other = factories.make_source(key="second", publisher="Second paper")
    person.attestations.create(source=other, says="aged 14", stated_age=14)
    person.attestations.filter(source__key="names-source").update(stated_age=13)
    html = client.get(person.get_absolute_url()).content.decode()
    assert "sources differ:" in html
    assert re.search(r"13 \(<a [^>]+>A newspaper</a>\); 14 \(<a [^>]+>Second paper</a>\)", html)


def test_the_sitemap_lists_people_with_their_language_alternates(client, names):
    body = client.get(reverse("sitemap")).content.decode()
    assert "/en/names/ilham-allahverdiyev/" in body
    assert 'hreflang="az" href="http://testserver/az/names/ilham-allahverdiyev/"' in body
    assert "to-verify" not in body
    assert "/ru/names/" in body


def test_the_main_navigation_leads_to_the_wall(client, names):
    html = client.get(reverse("pages:about")).content.decode()
    assert (
        f'href="{reverse("people:wall")}"'
        in html.split('class="site-nav"', 1)[1].split("</nav>", 1)[0]
    )


def test_the_home_page_shows_a_band_of_names_and_who_is_remembered_today(client, names, source):
    today = timezone.localdate()
    born_today = make_person(
        source,
        birth_date=datetime.date(1970, today.month, min(today.day, 28)),
        birth_precision="day",
        given_name_en="Birthday",
        surname_en="Person",
    )
    if today.day > 28:
        pytest.skip("no birthday falls on this day in every year")
    make_person(
        source,
        is_published=False,
        birth_date=born_today.birth_date,
        birth_precision="day",
        given_name_en="Hidden",
        surname_en="Draft",
    )
    html = client.get(reverse("pages:home")).content.decode()
    band = html.split('class="names-band"', 1)[1].split("</section>", 1)[0]
    assert "Remembered today" in band
    assert "Birthday Person" in band
    assert "Hidden Draft" not in band and "Draft Person" not in band
    assert "Ilham Allahverdiyev" in band


def test_a_figure_says_how_many_of_the_people_it_counts_are_named(client, names):
    figure = factories.make_figure(value_low=8)
    names["caferov"].figures.add(figure)
    names["draft"].figures.add(figure)
    html = client.get(figure.get_absolute_url()).content.decode()
    assert "The memorial names 1 of the 8 people this figure counts" in html
    assert "Draft Person" not in html


def test_the_toll_says_how_many_of_the_people_a_figure_counts_are_named(
    client, names, django_assert_max_num_queries
):
    """Published people only, counted in one query for the whole page."""
    counted, other = factories.make_figure(value_low=8), factories.make_figure(value_low=131)
    names["caferov"].figures.add(counted)
    names["ilham"].figures.add(counted)
    names["draft"].figures.add(counted, other)
    with django_assert_max_num_queries(10):
        html = client.get(reverse("figures:list")).content.decode()
    row = re.search(rf'<tr id="figure-{counted.key}">.*?</tr>', html, re.S).group(0)
    assert "2 of them named here" in row
    assert f'href="{counted.get_absolute_url()}#named-heading"' in row
    other_row = re.search(rf'<tr id="figure-{other.key}">.*?</tr>', html, re.S).group(0)
    assert "named here" not in other_row


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("Mammadova", "larisa-mammadova"),
        ("Məmmədova", "larisa-mammadova"),
        ("Мамедова", "larisa-mammadova"),
        ("Аллахвердиев", "ilham-allahverdiyev"),
        ("Allahverdiyev", "ilham-allahverdiyev"),
        ("Cəfərov", "abulfaz-jafarov"),
    ],
)
def test_search_finds_people_across_scripts_and_spellings_and_shows_them_first(
    client, names, query, slug
):
    factories.make_event(title_en=f"An event about {query}", summary_en=query)
    html = client.get(reverse("search:search"), {"q": query}).content.decode()
    groups = re.findall(r'<h2 id="group-(\w+)">', html)
    assert groups[0] == "people"
    first = re.search(r'<ul class="results">\s*<li><a href="([^"]+)"', html).group(1)
    assert first == f"/en/names/{slug}/"


def test_search_never_finds_a_draft(client, names):
    html = client.get(reverse("search:search"), {"q": "Draft Person"}).content.decode()
    assert "/names/to-verify/" not in html


def test_open_data_offers_the_people_with_their_sources(client, names):
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get(
                    reverse("opendata:table", kwargs={"name": "people", "fmt": "csv"})
                ).content.decode()
            )
        )
    )
    assert {row["slug"] for row in rows} == {
        "ilham-allahverdiyev",
        "larisa-mammadova",
        "firuz-jabbarov",
        "abulfaz-jafarov",
        "unknown-grave-1",
    }
    assert all(row["sources"] == "names-source" for row in rows)
    assert "A list of the dead" in rows[0]["source_citations"]
    data = json.loads(
        client.get(
            reverse("opendata:table", kwargs={"name": "people-attestations", "fmt": "json"})
        ).content
    )
    assert "to-verify" not in {row["person"] for row in data}
    package = client.get(reverse("opendata:datapackage")).json()
    resources = {resource["name"]: resource["path"] for resource in package["resources"]}
    assert resources["people"] == "people.csv"
    assert resources["people-attestations"] == "people-attestations.csv"
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
