import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def text_of(response):
    """The visible words of the page's main content."""
    html = response.content.decode()
    html = html[html.index("<main") : html.index("</main>")]
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_user(
        "curator", "curator@example.org", "a-long-password", is_staff=True
    )
    client.force_login(user)
    return client


def test_home_shows_panel_key_figures_timeline_articles_and_photos(client, memorial_content):
    """The home page has the anniversary panel, sourced figures, events, articles and photos."""
    response = client.get(reverse("pages:home"))
    html = response.content.decode()
    text = text_of(response)
    assert "years since 20 January 1990" in text
    assert "131" in text and "Black January: Baku (1990)" in text
    assert "as of 1991" in text
    # Only the figures a curator marked as key appear, never a bare number.
    key_figures = html[html.index('<section class="key-figures"') :]
    key_figures = key_figures[: key_figures.index("</section>")]
    assert "131" in key_figures and "170" not in key_figures
    assert "Troops enter Baku" in text
    assert "The OMM report" in text
    assert memorial_content["photo"].get_absolute_url() in html


def test_toll_shows_every_source_side_by_side_with_dates(client, memorial_content):
    """131 (OMM) and 170 (Ministry of Health) appear in one table with their dates and notes."""
    response = client.get(reverse("figures:list"))
    text = text_of(response)
    table = text[text.index("People killed: figures by source") :]
    assert "131 Black January: Baku (1990) 1991" in table
    health = memorial_content["killed_health"]
    assert health.as_of_display == "9 February 1990"
    assert (
        f"170 Report of the Ministry of Health of the Azerbaijan SSR {health.as_of_display}"
        in table
    )
    assert "Counted in Baku only." in table and "Includes the districts." in table
    assert "700–800" in text


def test_toll_chart_is_drawn_on_the_server_with_a_heading_earliest_figure_first(
    client, memorial_content
):
    """The chart has a visible heading; each bar's label and value are text, earliest first."""
    html = client.get(reverse("figures:list")).content.decode()
    chart = html[html.index('<figure class="toll-chart"') :]
    chart = chart[: chart.index("</figure>")]
    assert "<h3" in chart and "each source’s figure" in chart
    assert '<svg class="chart-track"' in chart and 'aria-hidden="true"' in chart
    assert chart.index(">170<") < chart.index(">131<")
    assert "<script" not in html.replace('<script type="application/ld+json">', "")


def test_timeline_groups_by_year_with_precise_dates_and_filters_by_kind(client, memorial_content):
    """Events are grouped by year in order; a month-only date says only the month."""
    text = text_of(client.get(reverse("events:list")))
    assert text.index("1989 November 1989 The Popular Front rallies") < text.index(
        "1990 19 January, 23:30"
    )
    assert "19 January, 23:30 – 20 January 1990 (night of 19–20 January)" in text
    aftermath = text_of(client.get(reverse("events:list"), {"kind": "aftermath"}))
    assert "The funeral of 22 January" in aftermath
    assert "Troops enter Baku" not in aftermath


def test_event_page_has_sources_photos_articles_and_neighbours(client, memorial_content):
    """The event page links its sources, photos, related articles and the events around it."""
    night = memorial_content["night"]
    response = client.get(night.get_absolute_url())
    html = response.content.decode()
    assert "<strong>at night</strong>" in html
    assert memorial_content["omm"].get_absolute_url() in html
    assert memorial_content["photo"].get_absolute_url() in html
    assert memorial_content["article"].get_absolute_url() in html
    assert 'rel="prev"' in html and "The Popular Front rallies" in html
    assert 'rel="next"' in html and "The funeral of 22 January" in html


def test_graphic_photo_is_behind_a_notice_that_needs_no_javascript(client, memorial_content):
    """A graphic photo's image sits inside a closed <details> element."""
    html = client.get(memorial_content["graphic"].get_absolute_url()).content.decode()
    details = html[html.index('<details class="graphic-notice">') : html.index("</details>")]
    assert "<summary>" in details and "<img" in details
    assert '<details class="graphic-notice" open' not in html


def test_photo_page_shows_caption_alt_credit_source_rights_and_date(client, memorial_content):
    """Everything the visitor needs to know about a photograph is on its page."""
    photo = memorial_content["photo"]
    text = text_of(client.get(photo.get_absolute_url()))
    for value in (photo.caption, photo.alt_text, photo.credit, photo.rights, photo.source.title):
        assert value in text


def test_article_page_links_the_original(client, memorial_content):
    """An article shows kind, publisher, sources and the external original."""
    html = client.get(memorial_content["article"].get_absolute_url()).content.decode()
    assert 'href="https://example.org/r"' in html
    assert "Report" in html and memorial_content["omm"].get_absolute_url() in html


def test_commemoration_2026_is_the_36th(client, memorial_content):
    """The archive and the year page count anniversaries from 1990."""
    assert "36th anniversary" in text_of(client.get(reverse("commemorations:list")))
    text = text_of(client.get(reverse("commemorations:detail", kwargs={"year": 2026})))
    assert "2026: the 36th anniversary" in text
    assert "The OMM report" in text and "Carnations" in text


def test_sources_are_grouped_by_kind_and_show_what_cites_them(client, memorial_content):
    """Each bibliography entry lists the published pages that cite it, never drafts."""
    text = text_of(client.get(reverse("sources:list")))
    assert "Report by a non-governmental organisation" in text
    assert "Official statement" in text
    assert "Cited by" in text and "The OMM report" in text
    factories.make_event(
        title_en="Secret draft", is_published=False, sources=[memorial_content["omm"]]
    )
    assert "Secret draft" not in text_of(client.get(memorial_content["omm"].get_absolute_url()))


def test_search_groups_results_by_type(client, memorial_content):
    """One query finds events, articles, figures and sources, under a heading per type."""
    text = text_of(client.get(reverse("search:search"), {"q": "OMM"}))
    assert "The toll" in text and "Articles" in text and "Sources" in text
    assert "The OMM report" in text
    text = text_of(client.get(reverse("search:search"), {"q": "2026"}))
    assert "36th anniversary (2026)" in text


def test_search_pages_through_one_type(client, memorial_content):
    """With more results than fit, a link leads to a paginated list of that type."""
    for n in range(25):
        factories.make_article(title_en=f"Testimony {n}")
    html = client.get(reverse("search:search"), {"q": "Testimony"}).content.decode()
    assert "type=articles" in html
    response = client.get(reverse("search:search"), {"q": "Testimony", "type": "articles"})
    assert "Page 1 of 2" in text_of(response)
    page2 = client.get(reverse("search:search"), {"q": "Testimony", "type": "articles", "page": 2})
    assert page2.status_code == 200


def test_drafts_are_absent_for_visitors(client, memorial_content):
    """A draft is not listed, not searchable and its page is a 404."""
    draft = memorial_content["draft_event"]
    assert "A draft event" not in text_of(client.get(reverse("events:list")))
    assert "A draft event" not in text_of(client.get(reverse("search:search"), {"q": "draft"}))
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(draft.get_absolute_url(), {"preview": "1"}).status_code == 404


def test_staff_preview_shows_drafts_and_is_never_cached(staff_client, memorial_content):
    """Staff with ?preview=1 see drafts; the answer is private and not stored."""
    draft = memorial_content["draft_event"]
    response = staff_client.get(draft.get_absolute_url(), {"preview": "1"})
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    listing = staff_client.get(reverse("events:list"), {"preview": "1"})
    assert "A draft event" in text_of(listing)
    assert "no-store" in listing["Cache-Control"]
    assert staff_client.get(draft.get_absolute_url()).status_code == 404


def test_the_home_page_shows_drafts_only_in_a_staff_preview(staff_client, memorial_content):
    """The home page's lists, compiled once for visitors, are read afresh for a preview."""
    factories.make_article(title_en="A draft article", is_published=False)
    factories.make_photo(title_en="A draft photograph", is_featured=True, is_published=False)
    home = reverse("pages:home")
    visitor = Client()
    for client in (visitor, staff_client):
        assert "A draft article" not in text_of(client.get(home))
    preview = text_of(staff_client.get(home, {"preview": "1"}))
    assert "A draft article" in preview and "A draft photograph" in preview
    assert "A draft article" not in text_of(visitor.get(home))


def test_drafts_linked_to_published_pages_are_shown_only_in_preview(
    client, staff_client, memorial_content
):
    """A draft photo, article or event linked from a published page (or citing a source) is
    not listed on it."""
    night, photo = memorial_content["night"], memorial_content["photo"]
    draft_photo = factories.make_photo(
        slug="draft-photo",
        title_en="A draft photograph",
        events=[night],
        source=memorial_content["omm"],
        is_published=False,
    )
    draft_article = factories.make_article(
        slug="draft-article", title_en="A draft article", is_published=False
    )
    draft_article.events.set([night])
    photo.events.add(memorial_content["draft_event"])
    pages = {
        night.get_absolute_url(): (
            draft_photo.get_absolute_url(),
            draft_article.get_absolute_url(),
        ),
        photo.get_absolute_url(): (memorial_content["draft_event"].get_absolute_url(),),
        memorial_content["omm"].get_absolute_url(): (draft_photo.get_absolute_url(),),
    }
    for url, drafts in pages.items():
        public = client.get(url).content.decode()
        preview = staff_client.get(url, {"preview": "1"}).content.decode()
        for draft in drafts:
            assert draft not in public
            assert draft in preview
    assert (
        memorial_content["article"].get_absolute_url()
        in client.get(night.get_absolute_url()).content.decode()
    )


PUBLIC_URLS = [
    ("pages:home", {}),
    ("pages:about", {}),
    ("search:search", {}),
    ("events:list", {}),
    ("figures:list", {}),
    ("photos:list", {}),
    ("articles:list", {}),
    ("commemorations:list", {}),
    ("sources:list", {}),
    ("events:detail", {"slug": "troops-enter"}),
    ("figures:detail", {"key": "killed-omm"}),
    ("photos:detail", {"slug": "carnations"}),
    ("articles:detail", {"slug": "report"}),
    ("commemorations:detail", {"year": 2026}),
    ("sources:detail", {"key": "omm"}),
    ("calendar", {}),
    ("articles:feed-rss", {}),
    ("articles:feed-atom", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), PUBLIC_URLS)
def test_public_views_answer_only_get_and_head(client, memorial_content, name, kwargs):
    """GET and HEAD work; POST, PUT, DELETE and OPTIONS are refused with 405."""
    url = reverse(name, kwargs=kwargs)
    assert client.get(url).status_code == 200
    assert client.head(url).status_code == 200
    for method in (client.post, client.put, client.delete, client.options):
        assert method(url).status_code == 405


@pytest.mark.parametrize(
    ("name", "params", "status"),
    [
        ("events:list", {"page": "abc"}, 404),
        ("events:list", {"page": "99999"}, 404),
        ("events:list", {"kind": "<script>alert(1)</script>"}, 404),
        ("articles:list", {"kind": "<script>"}, 404),
        ("photos:list", {"page": "-1"}, 404),
        ("sources:list", {"page": "abc"}, 404),
        ("commemorations:list", {"page": "99999"}, 404),
        ("figures:list", {"page": "abc"}, 404),
        ("search:search", {"q": "Baku\x00"}, 400),
        ("search:search", {"q": "x" * 10_000}, 400),
        ("search:search", {"q": "Baku", "type": "<script>"}, 400),
        ("search:search", {"q": "Baku", "type": "events", "page": "abc"}, 404),
        ("search:search", {"q": "   "}, 200),
    ],
)
def test_bad_parameters_give_a_friendly_page(client, memorial_content, name, params, status):
    """Nonsense in the query string is a friendly 400 or 404 in the site's design, never a 500."""
    response = client.get(reverse(name), params)
    assert response.status_code == status
    html = response.content.decode()
    assert "<h1>" in html and "<script>alert" not in html and "site-header" in html


def test_custom_404_is_in_the_site_design(client, db):
    """An unknown address answers 404 with the memorial's header and a way home."""
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html and reverse("pages:home") in html


def test_500_page_renders_without_the_database(django_assert_num_queries, rf):
    """The server-error page needs neither a request context nor the database."""
    from django.views.defaults import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_key_figures_follow_the_order_of_the_toll(client):
    """Deaths come before the wounded and the detained, whatever the alphabet says."""
    from tests import factories

    factories.make_figure(quantity="detained", value_low=841, is_key=True)
    factories.make_figure(quantity="injured", value_low=744, is_key=True)
    factories.make_figure(quantity="killed", value_low=131, is_key=True)
    html = client.get(reverse("pages:home")).content.decode()
    assert html.index(">131<") < html.index(">744<") < html.index(">841<")


def test_toll_pages_follow_the_order_of_the_toll(client):
    """With more figures than a page holds, the pages together run in the toll's order.

    The first page begins with the deaths (whatever the alphabet says of
    "detained"), undated figures come last within their quantity, and the
    second page goes on where the first stopped.
    """
    from memorial.figures.views import FigureListView
    from tests import factories

    source = factories.make_source()
    per_page, orphans = FigureListView.paginate_by, FigureListView.paginate_orphans
    # Enough detained for a second page beyond what the first may take in.
    for n in range(per_page + orphans):
        factories.make_figure(source=source, quantity="detained", value_low=10_000 + n)
    factories.make_figure(source=source, quantity="killed", value_low=131)
    factories.make_figure(
        source=source, quantity="killed", value_low=147, as_of_date=None, as_of_precision="unknown"
    )
    factories.make_figure(
        source=source, quantity="killed", value_low=133, as_of_date=datetime.date(1990, 1, 25)
    )

    first = client.get(reverse("figures:list")).content.decode()
    second = client.get(reverse("figures:list"), {"page": 2}).content.decode()

    table = first[first.index('<table class="figures">') :]
    assert table.index(">133<") < table.index(">131<") < table.index(">147<")
    assert first.index('id="killed"') < first.index('id="detained"')
    # The three deaths come first, so the first page holds per_page - 3 detained.
    last_first, first_second, last = (
        f"{10_000 + n:,}".replace(",", "\N{NO-BREAK SPACE}")
        for n in (per_page - 4, per_page - 3, per_page + orphans - 1)
    )
    assert "10\N{NO-BREAK SPACE}000" in first and last_first in first and first_second not in first
    assert first_second in second and last in second and ">131<" not in second
