from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from memorial.curation.content_admin import PublishableAdmin

from .models import Event


class PhotoInline(admin.TabularInline):
    """Photos are attached to an event from the event's page."""

    model = Event.photos.through
    extra = 0
    autocomplete_fields = ["photo"]
    verbose_name = _("photo")
    verbose_name_plural = _("photos of this event")


@admin.register(Event)
class EventAdmin(PublishableAdmin):
    list_display = [
        "title",
        "date_display",
        "kind",
        "place",
        "source_count",
        "public_state",
        "last_change",
    ]
    list_filter = ["is_published", "kind", "start_precision"]
    search_fields = ["title_en", "title_az", "title_ru", "slug", "place_en", "summary_en"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["sources"]
    inlines = [PhotoInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "place"]}),
        (
            _("When"),
            {
                "fields": [
                    ("start_date", "start_precision", "start_time"),
                    ("end_date", "end_precision", "end_time"),
                    "date_note",
                ]
            },
        ),
        (None, {"fields": ["summary", "body", "sources"]}),
        (_("Publishing"), {"fields": ["is_published", "published_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(source_count=Count("sources"))

    @admin.display(description=_("date"), ordering="start_date")
    def date_display(self, obj):
        return obj.date_display

    @admin.display(description=_("sources"), ordering="source_count")
    def source_count(self, obj):
        return obj.source_count
