from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from memorial.curation.content_admin import PublishableAdmin

from .models import TRAGEDY_YEAR, Commemoration


@admin.register(Commemoration)
class CommemorationAdmin(PublishableAdmin):
    list_display = [
        "year",
        "anniversary",
        "date",
        "minute_of_silence",
        "flags_half_mast",
        "alley_of_martyrs",
        "public_state",
        "last_change",
    ]
    list_display_links = ["year", "anniversary"]
    list_filter = [
        "is_published",
        "minute_of_silence",
        "sound_signals",
        "flags_half_mast",
        "alley_of_martyrs",
        "events_abroad",
    ]
    search_fields = ["=year", "observances_en", "observances_az", "observances_ru"]
    date_hierarchy = "date"
    autocomplete_fields = ["sources", "articles", "photos"]
    fieldsets = [
        (None, {"fields": ["year", "date"]}),
        (
            _("What was observed"),
            {
                "fields": [
                    "minute_of_silence",
                    "sound_signals",
                    "flags_half_mast",
                    "alley_of_martyrs",
                    "events_abroad",
                    "observances",
                    "description",
                ]
            },
        ),
        (None, {"fields": ["sources", "articles", "photos"]}),
        (_("Publishing"), {"fields": ["is_published", "published_at"]}),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "year":
            # The first anniversary is 1991; say so on the field, not as a broken rule.
            kwargs["min_value"] = TRAGEDY_YEAR + 1
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("anniversary"), ordering="year")
    def anniversary(self, obj):
        return obj.anniversary_ordinal
