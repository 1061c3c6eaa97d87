from itertools import groupby

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import DetailView, TemplateView

from memorial.core.dates import DatePrecision
from memorial.core.languages import active_language
from memorial.web.views import PublishedMixin

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
        self.visible = self.published(Person.objects.all())
        self.form = WallFilterForm(request.GET, lambda: self.places, lambda: self.dates)
        context = self.get_context_data(**kwargs)
        status = 400 if not self.form.is_valid() else 200
        return self.render_to_response(context, status=status)

    # The filters' choices, read only to check a filter or to show the form.

    @cached_property
    def places(self):
        return sorted(
            self.visible.exclude(place_of_death="")
            .order_by()
            .values_list("place_of_death", flat=True)
            .distinct(),
            key=lambda place: collation.sort_key(place, active_language()),
        )

    @cached_property
    def dates(self):
        return list(
            self.visible.filter(death_precision=DatePrecision.DAY).dates("death_date", "day")
        )

    def filtered(self):
        if not self.form.is_valid():
            return self.visible.none()
        data = self.form.cleaned_data
        visible = self.visible
        if data["place"]:
            visible = visible.filter(place_of_death=data["place"])
        if data["died"]:
            visible = visible.filter(death_date=data["died"], death_precision=DatePrecision.DAY)
        if data["age"]:
            visible = visible.with_age_group(data["age"])
        return visible

    @cached_property
    def filters(self):
        """The filters as one value: what the fragment that keeps the list varies on."""
        if not self.form.is_valid():
            return "refused"
        return "|".join(str(value or "") for value in self.form.cleaned_data.values())

    @cached_property
    def groups(self):
        """The names shown, by initial, the unidentified last.

        Read only when the template's fragment for these filters is not in the cache.
        """
        language = active_language()
        rows = wall_rows(self.filtered())
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
        return groups

    @cached_property
    def shown(self):
        return sum(len(group["people"]) for group in self.groups)

    @cached_property
    def counts(self):
        """How many the memorial holds, named and not, on the monument and recognised."""
        return self.visible.aggregate(
            named=Count("pk", filter=Q(is_unidentified=False)),
            unidentified=Count("pk", filter=Q(is_unidentified=True)),
            on_monument=Count("pk", filter=Q(on_monument=Answer.YES)),
            recognised=Count("pk", filter=Q(recognised_martyr=Answer.YES)),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=self.form,
            filtered=self.form.is_valid() and any(self.form.cleaned_data.values()),
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
        # The portrait is in the page's head; the rest is read with the body.
        return super().get_queryset().select_related("portrait")

    # What the page reads of the attestations, each read only when the template's
    # fragment for this person is not in the cache (the JSON-LD reads the sources).

    @cached_property
    def sources(self):
        attestations = self.related_lists["attestations"]
        return list({a.source_id: a.source for a in attestations}.values())

    @cached_property
    def ages(self):
        return differing(
            self.related_lists["attestations"], lambda a: a.stated_age, self.object.age
        )

    @cached_property
    def death_dates(self):
        return differing(
            self.related_lists["attestations"],
            lambda a: a.death_date if a.death_precision == DatePrecision.DAY else None,
        )

    @cached_property
    def neighbours(self):
        """The previous and the next name on the wall.

        The whole wall is read to find them, so the template keeps them in a
        fragment under the content version and reads this only on a miss.
        """
        order = wall_rows(self.published(Person.objects.all()))
        slugs = [row["slug"] for row in order]
        index = slugs.index(self.object.slug) if self.object.slug in slugs else -1
        found = {}
        for key, step in (("previous", -1), ("next", 1)):
            at = index + step
            row = order[at] if index >= 0 and 0 <= at < len(order) else None
            if row:
                row["url"] = reverse("people:detail", kwargs={"slug": row["slug"]})
            found[key] = row
        return found

    def get_structured_data(self):
        return jsonld.person(self.request, self.object, self.sources)


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
