"""One address of every page type a visitor sees, read from the real content."""

from django.urls import reverse

from memorial.articles.models import Article
from memorial.commemorations.models import Commemoration
from memorial.events.models import Event
from memorial.figures.models import Figure
from memorial.people.models import Person
from memorial.photos.models import Photo
from memorial.sources.models import Source

LANGUAGES = ("az", "en", "ru")


def _first(model, **lookup):
    return model.objects.published().filter(**lookup).order_by("pk").first()


def visitor_pages():
    """One address of every page type a visitor sees, in the active language."""
    return {
        "home": reverse("pages:home"),
        "story": reverse("story:story"),
        "about": reverse("pages:about"),
        "search": reverse("search:search") + "?q=Baku",
        "timeline": reverse("events:list"),
        "event": _first(Event, slug="soviet-troops-enter-baku").get_absolute_url(),
        "toll": reverse("figures:list"),
        "figure": _first(Figure, key="omm-killed-total-131").get_absolute_url(),
        "photos": reverse("photos:list"),
        "photo": _first(Photo).get_absolute_url(),
        "articles": reverse("articles:list"),
        "article": _first(Article, kind="report").get_absolute_url(),
        "commemorations": reverse("commemorations:list"),
        "commemoration": _first(Commemoration, year=2026).get_absolute_url(),
        "sources": reverse("sources:list"),
        "source": Source.objects.get(key="hrw-1991-black-january").get_absolute_url(),
        "names": reverse("people:wall"),
        "person": _first(Person, slug="larisa-mammadova").get_absolute_url(),
        "data": reverse("opendata:index"),
        "not-found": reverse("pages:home") + "no-such-page/",
    }
