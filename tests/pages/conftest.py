import datetime

import pytest
from django.urls import reverse

from tests import factories


@pytest.fixture
def memorial_content(db):
    """A small memorial: the two killed-count figures the toll must show, events, photos, articles."""
    omm = factories.make_source(
        key="omm",
        kind="ngo",
        title="Black January: Baku (1990)",
        publisher="Memorial Human Rights Centre (OMM)",
    )
    health = factories.make_source(
        key="health-ministry",
        kind="official",
        title="Report of the Ministry of Health of the Azerbaijan SSR",
        publisher="Ministry of Health of the Azerbaijan SSR",
    )
    killed_omm = factories.make_figure(
        key="killed-omm",
        value_low=131,
        source=omm,
        as_of_date=datetime.date(1991, 1, 1),
        as_of_precision="year",
        note_en="Counted in Baku only.",
        is_key=True,
    )
    killed_health = factories.make_figure(
        key="killed-health",
        value_low=170,
        source=health,
        as_of_date=datetime.date(1990, 2, 9),
        note_en="Includes the districts.",
    )
    factories.make_figure(
        key="injured-range",
        quantity="injured",
        qualifier="range",
        value_low=700,
        value_high=800,
        source=omm,
    )
    context_event = factories.make_event(
        slug="popular-front",
        title_en="The Popular Front rallies",
        kind="context",
        start_date=datetime.date(1989, 11, 1),
        start_precision="month",
        sources=[omm],
    )
    night = factories.make_event(
        slug="troops-enter",
        title_en="Troops enter Baku",
        start_date=datetime.date(1990, 1, 19),
        start_time=datetime.time(23, 30),
        end_date=datetime.date(1990, 1, 20),
        end_precision="day",
        date_note_en="night of 19–20 January",
        place_en="Baku",
        body_en="<p>The troops came <strong>at night</strong>.</p>",
        sources=[omm, health],
    )
    funeral = factories.make_event(
        slug="funeral",
        title_en="The funeral of 22 January",
        kind="aftermath",
        start_date=datetime.date(1990, 1, 22),
    )
    draft_event = factories.make_event(
        slug="draft-event", title_en="A draft event", is_published=False
    )
    photo = factories.make_photo(
        slug="carnations", title_en="Carnations", is_featured=True, events=[night], source=omm
    )
    graphic = factories.make_photo(
        slug="the-dead", title_en="The dead in the morgue", is_graphic=True, events=[night]
    )
    article = factories.make_article(
        slug="report",
        title_en="The OMM report",
        kind="report",
        external_url="https://example.org/r",
    )
    article.sources.set([omm])
    article.events.set([night])
    story = factories.make_article(
        slug="what-happened",
        kind="own",
        title_en="What happened",
        summary_en="The night of 19–20 January 1990.",
        body_en=f'<p>The <a href="{night.get_absolute_url()}">troops came at night</a>.</p>',
    )
    commemoration = factories.make_commemoration(
        2026, observances_en="The 36th anniversary was observed."
    )
    commemoration.articles.set([article])
    commemoration.photos.set([photo])
    commemoration.sources.set([health])
    factories.make_commemoration(1991)
    return {
        "omm": omm,
        "health": health,
        "killed_omm": killed_omm,
        "killed_health": killed_health,
        "events": [context_event, night, funeral],
        "night": night,
        "draft_event": draft_event,
        "photo": photo,
        "graphic": graphic,
        "article": article,
        "story": story,
        "commemoration": commemoration,
    }


def multiply_content(times=10):
    """Ten times the content, to show that query counts do not grow with it."""
    for n in range(times):
        source = factories.make_source()
        event = factories.make_event(sources=[source], start_date=datetime.date(1990, 1, 20))
        factories.make_figure(source=source)
        factories.make_photo(source=source, events=[event], is_featured=True)
        article = factories.make_article()
        article.sources.set([source])
        article.events.set([event])
        commemoration = factories.make_commemoration(1992 + n)
        commemoration.sources.set([source])
        commemoration.articles.set([article])


def page_urls(content):
    """One address of every public page type, for tests that visit them all."""
    return {
        "home": reverse("pages:home"),
        "story": reverse("story:story"),
        "about": reverse("pages:about"),
        "search": reverse("search:search") + "?q=Baku",
        "timeline": reverse("events:list"),
        "event": content["night"].get_absolute_url(),
        "toll": reverse("figures:list"),
        "figure": content["killed_omm"].get_absolute_url(),
        "photos": reverse("photos:list"),
        "photo": content["graphic"].get_absolute_url(),
        "articles": reverse("articles:list"),
        "article": content["article"].get_absolute_url(),
        "commemorations": reverse("commemorations:list"),
        "commemoration": content["commemoration"].get_absolute_url(),
        "sources": reverse("sources:list"),
        "source": content["omm"].get_absolute_url(),
    }
