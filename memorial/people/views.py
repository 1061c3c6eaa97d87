from itertools import groupby

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.views.generic import DetailView, TemplateView

from memorial.core.dates import DatePrecision
from memorial.core.languages import active_language
from memorial.core.views import PublishedMixin

from . import collation, jsonld
from .forms import WallFilterForm
from .models import Answer, Person

#: What the wall reads of each person, in the active language's columns.
WALL_FIELDS = ("slug", "given_name", "surname", "is_unidentified", "age")


def wall_rows(queryset):
    """Plain values of `queryset` (names in the active language), in the wall's order.

    Named people come by surname, then given name, in the language's own
    alphabet; the unidentified come last.
    """
    language = active_language()
    rows = list(queryset.values(*WALL_FIELDS))
    for row in rows:
        first, second = (
            (row["surname"], row["given_name"]) if row["surname"] else (row["given_name"], "")
        )
        row["sort"] = (
            row["is_unidentified"],
            collation.sort_key(first, language),
            collation.sort_key(second, language),
            row["slug"],
        )
        row["name"] = f"{first} {second}".strip()
    rows.sort(key=lambda row: row["sort"])
    return rows


class WallView(PublishedMixin, TemplateView):
    """The wall of names: every published person, in alphabetical order, by initial."""

    template_name = "people/wall.html"
    #: The filters: place of death (one of the places on the wall), day of death,
    #: age group. A value the form does not offer is answered with a 400.
    page_parameters = {
        "place": r"[^\W\d_][\w .,'’()-]{0,99}",
        "died": r"[0-9]{4}-[0-9]{2}-[0-9]{2}",
        "age": r"child|young|adult|older",
    }

    def get(self, request, *args, **kwargs):
        visible = self.published(Person.objects.all())
        places = sorted(
            {place for place in visible.values_list("place_of_death", flat=True) if place},
            key=lambda place: collation.sort_key(place, active_language()),
        )
        dates = visible.filter(death_precision=DatePrecision.DAY).dates("death_date", "day")
        self.form = WallFilterForm(request.GET, places, list(dates))
        context = self.get_context_data(visible=visible, **kwargs)
        status = 400 if not self.form.is_valid() else 200
        return self.render_to_response(context, status=status)

    def filtered(self, visible):
        if not self.form.is_valid():
            return visible.none()
        data = self.form.cleaned_data
        if data["place"]:
            visible = visible.filter(place_of_death=data["place"])
        if data["died"]:
            visible = visible.filter(death_date=data["died"], death_precision=DatePrecision.DAY)
        if data["age"]:
            visible = visible.with_age_group(data["age"])
        return visible

    def get_context_data(self, visible, **kwargs):
        context = super().get_context_data(**kwargs)
        language = active_language()
        rows = wall_rows(self.filtered(visible))
        groups = []
        for unidentified, members in groupby(rows, key=lambda row: row["is_unidentified"]):
            members = list(members)
            if unidentified:
                groups.append({"initial": "", "unidentified": True, "people": members})
                continue
            for letter, people in groupby(
                members, key=lambda row: collation.initial(row["name"], language)
            ):
                groups.append({"initial": letter, "unidentified": False, "people": list(people)})
        for row in rows:
            row["url"] = reverse("people:detail", kwargs={"slug": row["slug"]})
        context.update(
            form=self.form,
            groups=groups,
            shown=len(rows),
            filtered=self.form.is_valid() and any(self.form.cleaned_data.values()),
            counts=visible.aggregate(
                named=Count("pk", filter=Q(is_unidentified=False)),
                unidentified=Count("pk", filter=Q(is_unidentified=True)),
                on_monument=Count("pk", filter=Q(on_monument=Answer.YES)),
                recognised=Count("pk", filter=Q(recognised_martyr=Answer.YES)),
            ),
            monument_total=147,
            recognised_total=150,
            contact_email=settings.MEMORIAL_CONTACT_EMAIL,
        )
        return context


class PersonDetailView(PublishedMixin, DetailView):
    model = Person
    slug_field = "slug"
    slug_url_kwarg = "slug"
    context_object_name = "person"
    related = ("attestations", "photos", "events", "figures", "memories")

    def get_queryset(self):
        return super().get_queryset().select_related("portrait", "recognition_source")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.object
        attestations = context["attestations"]
        context["sources"] = list({a.source_id: a.source for a in attestations}.values())
        context["ages"] = differing(attestations, lambda a: a.stated_age, person.age)
        context["death_dates"] = differing(
            attestations,
            lambda a: a.death_date if a.death_precision == DatePrecision.DAY else None,
        )
        order = wall_rows(self.published(Person.objects.all()))
        slugs = [row["slug"] for row in order]
        index = slugs.index(person.slug) if person.slug in slugs else -1
        for key, step in (("previous_person", -1), ("next_person", 1)):
            at = index + step
            found = order[at] if index >= 0 and 0 <= at < len(order) else None
            if found:
                found["url"] = reverse("people:detail", kwargs={"slug": found["slug"]})
            context[key] = found
        return context

    def get_structured_data(self):
        attestations = self.related_lists["attestations"]
        sources = list({a.source_id: a.source for a in attestations}.values())
        return jsonld.person(self.request, self.object, sources)


def differing(attestations, read, own=None):
    """[(value, [sources])] when the sources give different values, else []."""
    values = {}
    for attestation in attestations:
        value = read(attestation)
        if value is not None:
            values.setdefault(value, []).append(attestation.source)
    if own is not None and values and own not in values:
        values.setdefault(own, [])
    return sorted(values.items(), key=lambda item: str(item[0])) if len(values) > 1 else []
