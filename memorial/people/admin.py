from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportMixin
from import_export.formats.base_formats import CSV

from memorial.curation.content_admin import ContentAdmin, ContentInlineForm, PublishableAdmin

from .imports import PersonResource
from .models import Attestation, Person


class AttestationInline(admin.StackedInline):
    """Every source that names the person, edited on the person's page."""

    model = Attestation
    form = ContentInlineForm
    extra = 0
    min_num = 1
    autocomplete_fields = ["source"]
    fields = [
        ("source", "confidence", "sort_order"),
        "says",
        "locator",
        ("stated_age", "death_date", "death_precision"),
        "note",
        "edited_version",
    ]


class HasPortraitFilter(admin.SimpleListFilter):
    title = _("portrait")
    parameter_name = "portrait"

    def lookups(self, request, model_admin):
        return [("yes", _("With a portrait")), ("no", _("Without a portrait"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(portrait__isnull=False)
        if self.value() == "no":
            return queryset.filter(portrait__isnull=True)
        return queryset


class PlaceFilter(admin.SimpleListFilter):
    title = _("place of death")
    parameter_name = "place"

    def lookups(self, request, model_admin):
        places = model_admin.model.objects.values_list("place_of_death_en", flat=True)
        return [(place, place) for place in sorted({place for place in places if place})]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(place_of_death_en=self.value())
        return queryset


def probable_duplicates(person):
    """Other people with the same folded name and the same year of birth (or none known)."""
    if not person.name_key:
        return Person.objects.none()
    others = Person.objects.filter(name_key=person.name_key).exclude(pk=person.pk)
    if person.birth_date is None:
        return others.filter(birth_date__isnull=True)
    return others.filter(birth_date__year=person.birth_date.year)


@admin.register(Person)
class PersonAdmin(ImportMixin, PublishableAdmin):
    resource_classes = [PersonResource]
    import_formats = [CSV]
    list_display = [
        "__str__",
        "death_display",
        "age",
        "place_of_death",
        "confidence",
        "to_verify",
        "source_count",
        "public_state",
        "last_change",
    ]
    list_filter = [
        "is_published",
        "confidence",
        "to_verify",
        HasPortraitFilter,
        PlaceFilter,
        "on_monument",
        "recognised_martyr",
        "burial",
        "is_unidentified",
    ]
    search_fields = [
        "slug",
        "name_key",
        "search_key",
        "name_as_written",
        "given_name_az",
        "surname_az",
        "given_name_en",
        "surname_en",
        "given_name_ru",
        "surname_ru",
    ]
    date_hierarchy = "death_date"
    prepopulated_fields = {"slug": ["given_name_en", "surname_en"]}
    autocomplete_fields = ["recognition_source", "portrait", "photos", "events", "figures"]
    inlines = [AttestationInline]
    fieldsets = [
        (
            _("Name"),
            {
                "fields": [
                    "given_name",
                    "patronymic",
                    "surname",
                    "name_as_written",
                    "slug",
                    ("sex", "is_unidentified"),
                ]
            },
        ),
        (
            _("Dates"),
            {
                "fields": [
                    ("birth_date", "birth_precision"),
                    ("death_date", "death_precision", "death_time"),
                    "death_note",
                    "age_stated",
                ]
            },
        ),
        (
            _("Life and death"),
            {"fields": ["home_town", "occupation", "place_of_death", "what_happened"]},
        ),
        (
            _("Burial and recognition"),
            {
                "fields": [
                    ("burial", "burial_place"),
                    ("recognised_martyr", "recognition_source"),
                    "on_monument",
                ]
            },
        ),
        (_("Related"), {"fields": ["portrait", "photos", "events", "figures"]}),
        (_("Verification"), {"fields": ["confidence", "to_verify", "verify_note"]}),
        (_("Publishing"), {"fields": ["is_published", "published_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(source_count=Count("attestations"))

    @admin.display(description=_("sources"), ordering="source_count")
    def source_count(self, obj):
        return obj.source_count

    @admin.display(description=_("died"), ordering="death_date")
    def death_display(self, obj):
        return str(obj.death)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        duplicates = list(probable_duplicates(obj)[:5])
        if duplicates:
            self.message_user(
                request,
                _("Probably the same person as: %(people)s. Check before publishing.")
                % {"people": ", ".join(f"{p} ({p.slug})" for p in duplicates)},
                messages.WARNING,
            )


@admin.register(Attestation)
class AttestationAdmin(ContentAdmin):
    list_display = ["person", "source", "confidence", "stated_age", "last_change"]
    list_filter = ["confidence"]
    list_select_related = ["person", "source", "updated_by"]
    search_fields = ["person__slug", "person__surname_en", "source__key", "says"]
    autocomplete_fields = ["person", "source"]
