"""What the names bring to search, the sitemap, open data, health, the menu and the home page."""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from memorial.core import registry
from memorial.opendata import tables
from memorial.sources.citations import cite_source

from .models import Attestation, Person

#: How many names the home page's band shows.
BAND_SIZE = 24


def unattested_people():
    """A name without a source must not stand."""
    people = Person.objects.annotate(sources=Count("attestations")).filter(sources=0)
    for person in people.order_by("pk"):
        yield person, _("No source names this person.")


def people_to_verify():
    for person in Person.objects.filter(to_verify=True).order_by("pk"):
        yield person, person.verify_note or _("Check against the sources before publishing.")


def home_names(view):
    """A band of names, a different stretch of the wall each day, and who is remembered today.

    The home page keeps its sections under the content version and the day in Baku.
    """
    today = timezone.localdate()
    visible = view.published(Person.objects.filter(is_unidentified=False))
    names = names_of_the_day(visible, today)
    return {"names": names} if names else None


def names_of_the_day(visible, today):
    """The band and who is remembered on `today`, or None when no name is published."""
    total = visible.count()
    if not total:
        return None
    start = (today.toordinal() * BAND_SIZE) % total
    fields = (
        "slug",
        "given_name",
        "surname",
        "birth_date",
        "birth_precision",
        "death_date",
        "death_precision",
        "death_time",
    )
    ordered = visible.only(*fields).order_by("pk")
    band = list(ordered[start : start + BAND_SIZE])
    if len(band) < BAND_SIZE:
        band += list(ordered[: min(BAND_SIZE - len(band), start)])
    remembered = list(visible.remembered_on(today).only(*fields).order_by("death_date", "pk")[:12])
    for person in remembered:
        birth = person.birth
        person.born_today = (
            birth.precision == "day"
            and birth.date is not None
            and (birth.date.month, birth.date.day) == (today.month, today.day)
        )
    return {"band": band, "remembered": remembered}


def _recognition_source(person):
    return person.recognition_source.key if person.recognition_source else None


def _attestations(person):
    return "; ".join(
        cite_source(attestation.source, attestation.locator)
        for attestation in person.attestations.all()
    )


CONTRIBUTIONS = [
    registry.Content("people.Person", order=70),
    registry.Content("people.Attestation", order=71),
    registry.Navigation(_("The names"), "people:wall", order=5),
    registry.Sitemap("people.Person", list_url="people:wall", order=5),
    registry.SearchGroup(
        "people",
        _("The names"),
        "people.Person",
        "surname",
        "what_happened",
        lambda year: Q(death_date__year=year),
        order=5,
    ),
    tables.Table(
        "people",
        lambda: (
            Person.objects.published()
            .select_related("recognition_source")
            .prefetch_related("events", "figures", "attestations__source")
            .order_by("pk")
        ),
        [
            tables.attr("slug"),
            tables.URL,
            *tables.translated("given_name"),
            *tables.translated("patronymic"),
            *tables.translated("surname"),
            tables.attr("name_as_written"),
            tables.attr("is_unidentified", "boolean"),
            tables.attr("sex"),
            tables.attr("birth_date", "date"),
            tables.attr("birth_precision"),
            tables.attr("death_date", "date"),
            tables.attr("death_precision"),
            tables.Field(
                "death_time",
                "string",
                lambda p: p.death_time.strftime("%H:%M") if p.death_time else None,
            ),
            *tables.translated("death_note"),
            tables.attr("age", "integer"),
            *tables.translated("place_of_death"),
            *tables.translated("home_town"),
            *tables.translated("occupation"),
            *tables.translated("what_happened"),
            tables.attr("burial"),
            *tables.translated("burial_place"),
            tables.attr("recognised_martyr"),
            tables.Field("recognition_source", "string", _recognition_source, "key of the source"),
            tables.attr("on_monument"),
            tables.attr("confidence"),
            tables.keys("events", "slug"),
            tables.keys("figures"),
            tables.Field(
                "sources",
                "string",
                lambda p: ";".join(a.source.key for a in p.attestations.all()),
                "keys of the sources that name the person, separated by ';'",
            ),
            tables.Field(
                "source_citations", "string", _attestations, "citations separated by '; '"
            ),
        ],
        order=5,
    ),
    tables.Table(
        "people-attestations",
        lambda: (
            Attestation.objects.published()
            .select_related("person", "source")
            .order_by("person__slug", "sort_order", "pk")
        ),
        [
            tables.Field(
                "id", "string", lambda a: f"{a.person.slug}/{a.source.key}", "person/source"
            ),
            tables.Field("person", "string", lambda a: a.person.slug, "slug of the person"),
            tables.Field("source", "string", lambda a: a.source.key, "key of the source"),
            tables.Field("source_citation", "string", lambda a: cite_source(a.source, a.locator)),
            tables.attr("says"),
            tables.attr("locator"),
            tables.attr("confidence"),
            tables.attr("stated_age", "integer"),
            tables.attr("death_date", "date"),
            tables.attr("death_precision"),
            *tables.translated("note"),
        ],
        order=6,
    ),
    registry.HealthCheck(_("People without a source"), unattested_people, order=5),
    registry.HealthCheck(_("People still to verify"), people_to_verify, order=6),
    registry.HomeSection("people/_home.html", home_names, order=5),
]
